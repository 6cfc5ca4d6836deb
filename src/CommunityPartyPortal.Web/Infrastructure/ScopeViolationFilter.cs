using CommunityPartyPortal.Domain.Scoping;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>A write outside the user's scope answers 404 (the record does not exist for this user) and is audited.</summary>
public sealed class ScopeViolationFilter(AuditLog audit, ILogger<ScopeViolationFilter> logger) : IAsyncExceptionFilter
{
    public async Task OnExceptionAsync(ExceptionContext context)
    {
        if (context.Exception is not ScopeViolationException violation) return;
        logger.LogWarning("Scope violation on {Path}: {Message}", context.HttpContext.Request.Path, violation.Message);
        await audit.WriteAsync("scope.violation", null, context.HttpContext.Request.Path, success: false, violation.Message);
        context.Result = new NotFoundResult();
        context.ExceptionHandled = true;
    }
}
