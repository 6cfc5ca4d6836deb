using System.Net;
using System.Reflection;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Security;

/// <summary>Authorisation, antiforgery and headers, checked over every endpoint the portal has.</summary>
public sealed class EndpointSecurityTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private static readonly string[] AnonymousAllowed =
    [
        "AccountController.Login", "AccountController.Denied", "ErrorController.Show",
    ];

    private static IEnumerable<(Type Controller, MethodInfo Action)> Actions() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetCustomAttribute<NonActionAttribute>() is null)
                .Select(m => (t, m)));

    [Fact]
    public void Every_action_is_authorised_or_explicitly_anonymous()
    {
        var actions = Actions().ToList();
        actions.Count.ShouldBeGreaterThan(10);
        var unmarked = actions
            .Where(a => !a.Action.GetCustomAttributes().Concat(a.Controller.GetCustomAttributes())
                .Any(x => x is IAuthorizeData or IAllowAnonymous))
            .Select(a => $"{a.Controller.Name}.{a.Action.Name}")
            .ToList();
        unmarked.ShouldBeEmpty("every action needs [Authorize] (class or method) or [AllowAnonymous]");
    }

    [Fact]
    public void Only_sign_in_and_error_pages_are_anonymous()
    {
        var anonymous = Actions()
            .Where(a => a.Action.GetCustomAttribute<AllowAnonymousAttribute>() is not null || a.Controller.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            .Select(a => $"{a.Controller.Name}.{a.Action.Name}")
            .Distinct()
            .ToList();
        anonymous.ShouldBeSubsetOf(AnonymousAllowed);
    }

    [Fact]
    public async Task Every_post_without_an_antiforgery_token_is_refused()
    {
        var posts = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            // Route values that match their constraints: a year for {x:int}, a Guid for the rest.
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), @"\{[^}]+\}",
                m => m.Value.Contains(":int", StringComparison.Ordinal) ? "2026" : Guid.NewGuid().ToString()))
            .Distinct()
            .ToList();
        posts.ShouldContain("/account/login");
        posts.Count.ShouldBeGreaterThan(5);

        var clients = new List<PortalClient> { portal.AnonymousClient() };
        foreach (var user in new[] { "county", "secretary", "unit", "member" }) clients.Add(await portal.ClientFor(user));
        foreach (var url in posts)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < clients.Count; i++)
            {
                var response = await clients[i].PostWithoutTokenAsync(url, new Dictionary<string, string> { ["x"] = "1" });
                statuses.Add(response.StatusCode);
                var toLogin = response.StatusCode == HttpStatusCode.Found && response.Headers.Location!.OriginalString.Contains("/account/login");
                var allowed = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden || (i == 0 && toLogin);
                allowed.ShouldBeTrue($"POST {url} without a token answered {(int)response.StatusCode} for client {i}");
            }
            statuses.ShouldContain(HttpStatusCode.BadRequest, $"POST {url}: some role may post it, and without a token it must get 400");
        }
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await portal.AnonymousClient().GetAsync("/account/login");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("object-src 'none'");
        csp.ShouldContain("frame-ancestors 'self'");
        csp.ShouldContain("script-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task Anonymous_users_are_sent_to_the_chinese_sign_in_page()
    {
        var client = portal.AnonymousClient();
        var home = await client.GetAsync("/members");
        home.StatusCode.ShouldBe(HttpStatusCode.Found);
        home.Headers.Location!.OriginalString.ShouldContain("/account/login");

        var page = await client.GetDocumentAsync("/account/login");
        page.DocumentElement.GetAttribute("lang").ShouldBe("zh-CN");
        page.Title!.ShouldContain("登录");
        page.QuerySelector("label[for=UserName]")!.TextContent.ShouldBe("用户名");
        page.QuerySelector("label[for=Password]")!.TextContent.ShouldBe("密码");
        page.QuerySelector("#demo-logins").ShouldBeNull("demo logins are shown in Development only");
        var text = page.Body!.TextContent;
        foreach (var english in new[] { "Log in", "Email", "Remember me", "Register", "Forgot" }) text.ShouldNotContain(english);
    }

    [Fact]
    public async Task A_wrong_password_is_answered_in_chinese_and_audited()
    {
        var client = portal.AnonymousClient();
        var response = await client.SignInAsync("street", "Wrong-password-1");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("用户名或密码不正确");
        var audited = await portal.WithDbAsync(db => Task.FromResult(db.AuditEntries.Any(a => a.Action == "signin" && a.UserName == "street" && !a.Success)));
        audited.ShouldBeTrue();
    }

    [Fact]
    public async Task Health_is_anonymous_and_checks_the_database()
    {
        var response = await portal.AnonymousClient().GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }
}
