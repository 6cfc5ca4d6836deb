using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CommunityPartyPortal.Web.Features.Roster;

/// <summary>
/// An upload whose declared length is over the import's request limit is answered before anything reads the
/// body (the antiforgery check would otherwise fail on the truncated form with a bare 400): back to the import
/// page with "文件不能超过10MB". Files just over 10 MB but under the limit are refused by <c>MemberImport</c> itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RejectOversizedUploadAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the global antiforgery filter (order 1000), which reads the form.</summary>
    public int Order => -1000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength is not > ImportMembers.RequestLimit) return;
        // The temp-data filter never runs for a result set here: save the flash explicitly.
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData["FlashError"] = ImportMembers.TooLarge;
        tempData.Save();
        context.Result = new RedirectResult("/roster/import");
    }
}
