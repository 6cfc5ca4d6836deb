using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>An HTTP client for one user session: cookies kept, redirects not followed, forms posted with their antiforgery token.</summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<string> GetStringAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {Shorten(body)}");
        return body;
    }

    /// <summary>GETs a page that must answer 200 and parses it.</summary>
    public async Task<IDocument> GetDocumentAsync(string url) => Parse(await GetStringAsync(url));

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public async Task<string> TokenFromAsync(string pageUrl)
    {
        var doc = await GetDocumentAsync(pageUrl);
        return doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
    }

    /// <summary>Posts a form with the token taken from <paramref name="formPageUrl"/> (or the url itself).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IDictionary<string, string>? fields = null, string? formPageUrl = null)
    {
        var token = await TokenFromAsync(formPageUrl ?? url);
        var all = new List<KeyValuePair<string, string>>(fields ?? new Dictionary<string, string>()) { new("__RequestVerificationToken", token) };
        return await Http.PostAsync(url, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts a form with several values per field (checkbox lists).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPageUrl = null)
    {
        var token = await TokenFromAsync(formPageUrl ?? url);
        var all = fields.Append(new("__RequestVerificationToken", token)).ToList();
        return await Http.PostAsync(url, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts without any antiforgery token (to prove it is required).</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string url, IDictionary<string, string>? fields = null) =>
        Http.PostAsync(url, new FormUrlEncodedContent(fields ?? new Dictionary<string, string>()));

    public async Task<HttpResponseMessage> PostMultipartAsync(string url, MultipartFormDataContent content, string tokenPageUrl)
    {
        content.Add(new StringContent(await TokenFromAsync(tokenPageUrl)), "__RequestVerificationToken");
        return await Http.PostAsync(url, content);
    }

    /// <summary>
    /// GETs an export: the file when it came at once, or — when the portal answered with the export's status page — polls
    /// <c>/exports/{id}/status</c> until it is done (at most <paramref name="timeoutSeconds"/>) and downloads the file.
    /// Returns the final file response (200) or throws with what went wrong.
    /// </summary>
    public async Task<HttpResponseMessage> DownloadExportAsync(string url, int timeoutSeconds = 120)
    {
        var response = await Http.GetAsync(url);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found)) return response;
        var status = response.Headers.Location?.OriginalString ?? throw new HttpRequestException($"GET {url}: a redirect without a location");
        if (!status.StartsWith("/exports/", StringComparison.Ordinal)) return response;
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var json = await GetStringAsync(status + "/status");
            using var state = System.Text.Json.JsonDocument.Parse(json);
            var value = state.RootElement.GetProperty("status").GetString();
            if (value == "Done") return await Http.GetAsync(status + "/file");
            if (value == "Failed") throw new HttpRequestException($"Export {status} failed: {state.RootElement.GetProperty("error").GetString()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Export {status} did not finish in {timeoutSeconds} s");
            await Task.Delay(100);
        }
    }

    public Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        PostFormAsync("/account/login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });

    public void Dispose() => Http.Dispose();

    private static string Shorten(string s) => s.Length > 2000 ? s[..2000] : s;
}
