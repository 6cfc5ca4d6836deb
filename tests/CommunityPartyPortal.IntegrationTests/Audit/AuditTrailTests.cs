using System.Net;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Audit;

/// <summary>The audit trail page: what it lists, its filters, and that only the county admin reads it. Runs on SQLite and on PostgreSQL.</summary>
public abstract class AuditTrailTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Theory]
    [InlineData("street")]
    [InlineData("secretary")]
    [InlineData("unit")]
    [InlineData("member")]
    public async Task Only_the_county_admin_reads_the_trail(string userName)
    {
        var client = await portal.ClientFor(userName);
        (await client.GetAsync("/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/audit?action=signin&success=false")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var anonymous = await portal.AnonymousClient().GetAsync("/audit");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Found);
        anonymous.Headers.Location!.OriginalString.ShouldContain("/account/login");
    }

    [Fact]
    public async Task Sign_in_successes_and_failures_are_listed_with_user_names_newest_first()
    {
        await SignInAttemptsAsync();
        var county = await portal.ClientFor("county");
        var doc = await county.GetDocumentAsync("/audit");

        doc.QuerySelectorAll("#audit thead th").Select(th => th.TextContent.Trim())
            .ShouldBe(["时间", "用户", "所属组织", "操作", "对象", "结果", "详情", "IP"]);
        var rows = Rows(doc);
        rows.ShouldContain(r => r.Action == "signin" && r.User == "unit" && r.Success && r.Label == "登录");
        var failure = rows.First(r => r.Action == "signin" && r.User == "street" && !r.Success);
        failure.Cells[5].ShouldBe("失败");
        failure.Cells[6].ShouldBe("密码错误");
        failure.Cells[2].ShouldNotBeEmpty();
        rows.ShouldContain(r => r.Action == "signin" && r.User == "no-such-user" && !r.Success);

        // Newest first: the county's own sign-in just now heads the list.
        rows[0].Action.ShouldBe("signin");
        rows[0].User.ShouldBe("county");
        var times = rows.Select(r => r.Cells[0]).ToList();
        times.ShouldBe(times.OrderByDescending(t => t, StringComparer.Ordinal).ToList());
        times[0].ShouldMatch(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$");
    }

    [Fact]
    public async Task Filters_by_action_result_user_target_and_date()
    {
        await SignInAttemptsAsync();
        var county = await portal.ClientFor("county");

        var failures = Rows(await county.GetDocumentAsync("/audit?action=signin&success=false"));
        failures.ShouldNotBeEmpty();
        failures.ShouldAllBe(r => r.Action == "signin" && !r.Success);
        failures.ShouldContain(r => r.User == "street");

        var successes = Rows(await county.GetDocumentAsync("/audit?action=SIGNIN&success=true"));
        successes.ShouldNotBeEmpty();
        successes.ShouldAllBe(r => r.Action == "signin" && r.Success);
        successes.ShouldNotContain(r => r.User == "no-such-user");

        var byUser = Rows(await county.GetDocumentAsync("/audit?user=STRE"));
        byUser.ShouldNotBeEmpty();
        byUser.ShouldAllBe(r => r.User == "street");

        var unitId = await portal.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "unit").Id.ToString()));
        var byTarget = Rows(await county.GetDocumentAsync($"/audit?target={unitId.ToUpperInvariant()}"));
        byTarget.ShouldNotBeEmpty();
        byTarget.ShouldAllBe(r => r.User == "unit");

        var today = Clock.TodayInChina(portal.Time);
        Rows(await county.GetDocumentAsync($"/audit?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&action=signin")).ShouldNotBeEmpty();
        Rows(await county.GetDocumentAsync($"/audit?from={today.AddDays(1):yyyy-MM-dd}")).ShouldBeEmpty();
        Rows(await county.GetDocumentAsync($"/audit?to={today.AddDays(-1):yyyy-MM-dd}")).ShouldBeEmpty();

        // The filter form keeps what was asked.
        var kept = await county.GetDocumentAsync("/audit?action=signin&success=false&user=street");
        kept.QuerySelector("#filter-action")!.GetAttribute("value").ShouldBe("signin");
        kept.QuerySelector("#filter-user")!.GetAttribute("value").ShouldBe("street");
        kept.QuerySelector("#filter-success option[selected]")!.GetAttribute("value").ShouldBe("false");
    }

    [Fact]
    public async Task Account_administration_shows_with_chinese_labels_and_the_account_name()
    {
        var county = await portal.ClientFor("county");
        var secretary2 = await portal.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "secretary2").Id));
        (await county.PostFormAsync($"/accounts/{secretary2}/unlock", new Dictionary<string, string>(), $"/accounts/{secretary2}/edit"))
            .StatusCode.ShouldBe(HttpStatusCode.Found);

        var rows = Rows(await county.GetDocumentAsync("/audit?action=account."));
        var unlock = rows.First(r => r.Action == "account.unlock");
        unlock.Label.ShouldBe("解锁账号");
        unlock.User.ShouldBe("county");
        unlock.Cells[4].ShouldContain("账号 secretary2");
        rows.ShouldAllBe(r => r.Action.StartsWith("account."));
    }

    [Fact]
    public async Task The_trail_has_no_way_to_change_it()
    {
        var county = await portal.ClientFor("county");
        var page = await county.GetStringAsync("/audit");
        page.ShouldNotContain("method=\"post\" action=\"/audit");
        var post = await county.PostFormAsync("/audit", new Dictionary<string, string>(), "/audit");
        post.IsSuccessStatusCode.ShouldBeFalse();
    }

    private async Task SignInAttemptsAsync()
    {
        var anonymous = portal.AnonymousClient();
        (await anonymous.SignInAsync("street", "Wrong#password1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.SignInAsync("no-such-user", "Wrong#password1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await portal.AnonymousClient().SignInAsync("unit", Web.Seeding.DemoCountySeeder.Password)).StatusCode.ShouldBe(HttpStatusCode.Found);
    }

    private sealed record Row(string Action, bool Success, string User, string Label, IReadOnlyList<string> Cells);

    private static List<Row> Rows(IDocument doc) =>
        doc.QuerySelectorAll("#audit tbody tr[data-action]").Select(tr =>
        {
            var cells = tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            return new Row(tr.GetAttribute("data-action")!, tr.GetAttribute("data-success") == "true", cells[1], cells[3], cells);
        }).ToList();
}

public sealed class SqliteAuditTrailTests(SqlitePortal portal) : AuditTrailTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresAuditTrailTests(PostgresPortal portal) : AuditTrailTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
