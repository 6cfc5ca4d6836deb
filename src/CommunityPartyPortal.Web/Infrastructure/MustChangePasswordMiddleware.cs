namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>An account whose password was set by an administrator goes to the change-password page first.</summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(PortalClaims.MustChangePassword, "1")
            && !context.Request.Path.StartsWithSegments("/account")
            && !context.Request.Path.StartsWithSegments("/lib")
            && !context.Request.Path.StartsWithSegments("/css")
            && !context.Request.Path.StartsWithSegments("/js")
            && !context.Request.Path.StartsWithSegments("/health"))
        {
            context.Response.Redirect("/account/change-password");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
