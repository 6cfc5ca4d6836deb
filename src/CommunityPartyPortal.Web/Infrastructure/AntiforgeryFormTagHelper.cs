using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>
/// Every <c>&lt;form method="post"&gt;</c> carries the antiforgery token, also when its action is a literal
/// URL (where MVC's form tag helper leaves it out). Runs after the built-in helper and adds the token only
/// when that one did not.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class AntiforgeryFormTagHelper(IHtmlGenerator generator) : TagHelper
{
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var method = output.Attributes["method"]?.Value?.ToString();
        if (!string.Equals(method, "post", StringComparison.OrdinalIgnoreCase)) return;
        if (output.PostContent.GetContent().Contains("__RequestVerificationToken", StringComparison.Ordinal)) return;
        output.PostContent.AppendHtml(generator.GenerateAntiforgery(ViewContext));
    }
}
