using System.Net;
using AngleSharp.Dom;
using Shouldly;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>Posting the portal's forms as a browser would, and reading their validation messages.</summary>
internal static class TestForms
{
    /// <summary>
    /// Every field of a form on a page as a browser would post it (checked boxes only, selected options; no file or
    /// submit inputs), the text areas' text trimmed when <paramref name="trimTextAreas"/>.
    /// </summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IDocument page, string formSelector, bool trimTextAreas)
    {
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on the page");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (name == "__RequestVerificationToken") continue;
            switch (element.LocalName)
            {
                case "input" when element.GetAttribute("type") is "checkbox" or "radio":
                    if (element.HasAttribute("checked")) fields.Add(new(name, element.GetAttribute("value") ?? "on"));
                    break;
                case "input" when element.GetAttribute("type") is "file" or "submit":
                    break;
                case "input":
                    fields.Add(new(name, element.GetAttribute("value") ?? ""));
                    break;
                case "select":
                    var option = element.QuerySelector("option[selected]") ?? element.QuerySelector("option");
                    fields.Add(new(name, option?.GetAttribute("value") ?? ""));
                    break;
                case "textarea":
                    fields.Add(new(name, trimTextAreas ? element.TextContent.Trim() : element.TextContent));
                    break;
            }
        }
        return fields;
    }

    /// <summary>Replaces (or adds) one field of a posted form.</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
        return fields;
    }

    /// <summary>The validation message shown beside a field.</summary>
    public static string FieldError(IDocument page, string field) =>
        page.QuerySelector($"span[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public static async Task<IDocument> ShouldBeFormWithErrorsAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html.Length > 500 ? html[..500] : html);
        return PortalClient.Parse(html);
    }

    /// <summary>The validation messages and error alerts of a page, joined with " | ".</summary>
    public static string ErrorMessages(string html)
    {
        var errors = PortalClient.Parse(html).QuerySelectorAll(".field-validation-error, .validation-summary-errors, .alert-danger")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0);
        return string.Join(" | ", errors);
    }
}
