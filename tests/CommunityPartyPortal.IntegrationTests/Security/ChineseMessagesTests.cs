using System.Net;
using System.Text.RegularExpressions;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Security;

/// <summary>
/// The client-side validation messages every form carries (<c>data-val-*</c>, shown next to a field as the user types) are
/// Chinese, and so are the captions (labels, buttons, table headings, placeholders): every GET page without route
/// parameters, as each role and anonymously, is read and checked for the framework's English defaults ("The field … must
/// be …", "… is required", "… is not valid") and for captions made of English words only (a property name as a label).
/// </summary>
public sealed partial class ChineseMessagesTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [GeneratedRegex(@"\b(The field|must be|is required|is not valid|is invalid|The value)\b", RegexOptions.IgnoreCase)]
    private static partial Regex English();

    /// <summary>A caption that is only English words (a property name shown as its label, an untranslated button).</summary>
    [GeneratedRegex(@"^[A-Za-z]{3,}( [A-Za-z]+)*$")]
    private static partial Regex EnglishWords();

    [Fact]
    public async Task Every_page_of_every_role_carries_its_captions_and_validation_messages_in_chinese()
    {
        var pages = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is { } m && m.HttpMethods.Contains("GET"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(p => !p.Contains('{') && !p.Contains('.') && !p.StartsWith("/health", StringComparison.Ordinal)
                        && !p.Contains("logout", StringComparison.OrdinalIgnoreCase) && !p.Contains("signout", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        pages.Count.ShouldBeGreaterThan(20);

        var checkedMessages = 0;
        var problems = new List<string>();
        async Task CheckAsync(PortalClient client, string who)
        {
            foreach (var path in pages)
            {
                var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
                var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
                foreach (var element in page.QuerySelectorAll("label, button, th"))
                {
                    var text = element.TextContent.Trim();
                    if (EnglishWords().IsMatch(text)) problems.Add($"{who} {path} <{element.LocalName}>: {text}");
                }
                foreach (var element in page.QuerySelectorAll("[placeholder]"))
                {
                    var text = element.GetAttribute("placeholder")!;
                    if (EnglishWords().IsMatch(text)) problems.Add($"{who} {path} #{element.Id} placeholder: {text}");
                }
                foreach (var element in page.QuerySelectorAll("[data-val='true']"))
                {
                    foreach (var attribute in element.Attributes.Where(a => a.Name.StartsWith("data-val-", StringComparison.Ordinal) && !a.Name[9..].Contains('-')))
                    {
                        checkedMessages++;
                        if (English().IsMatch(attribute.Value)) problems.Add($"{who} {path} #{element.Id} {attribute.Name}: {attribute.Value}");
                    }
                }
            }
        }

        await CheckAsync(portal.AnonymousClient(), "anonymous");
        foreach (var user in new[] { "county", "street", "secretary", "unit", "member" })
        {
            using var client = await portal.ClientFor(user);
            await CheckAsync(client, user);
        }
        checkedMessages.ShouldBeGreaterThan(20, "the pages carry validation messages to check");
        problems.ShouldBeEmpty();
    }
}
