using System.Net;
using System.Text;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Features.Exports;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Exports;

/// <summary>
/// Background exports: a job runs off the request with the scope of the user who started it, reports progress, and its file
/// is downloaded by that user only, for a day; failures are shown with a reason; a restart marks interrupted jobs failed.
/// </summary>
public abstract class ExportJobsTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    /// <summary>Starts an export as a demo user (the scope is that user's, as in a request), as a feature does.</summary>
    private async Task<ExportJob> StartAsUserAsync(string userName, Func<IServiceProvider, ExportContext, Task> run, string title = "测试导出")
    {
        var scope = await ScopeOfAsync(userName);
        await using var di = portal.Services.CreateAsyncScope();
        di.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = scope;
        return await di.ServiceProvider.GetRequiredService<ExportJobs>().StartAsync(title, "测试导出.txt", "export.txt", "text/plain; charset=utf-8", run);
    }

    private async Task<AccessScope> ScopeOfAsync(string userName)
    {
        var user = await portal.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));
        var principal = await UserPrincipalAsync(userName);
        var scope = HttpAccessScopeAccessor.For(principal, portal.Services.GetRequiredService<Domain.Organizations.OrgTreeCache>());
        scope.UserId.ShouldBe(user.Id);
        return scope;
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> UserPrincipalAsync(string userName)
    {
        await using var di = portal.Services.CreateAsyncScope();
        var users = di.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Domain.Identity.PortalUser>>();
        var factory = di.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<Domain.Identity.PortalUser>>();
        return await factory.CreateAsync((await users.FindByNameAsync(userName))!);
    }

    private async Task<ExportJob> FinishedAsync(Guid id)
    {
        await portal.Services.GetRequiredService<ExportQueue>().WhenFinished(id).WaitAsync(TimeSpan.FromSeconds(60));
        return portal.Services.GetRequiredService<ExportStore>().Find(id)!;
    }

    [Fact]
    public async Task An_export_runs_in_the_background_with_the_users_scope_and_only_that_user_downloads_it()
    {
        var streetMembers = await portal.WithDbAsync(async db =>
        {
            var street = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "street");
            return await db.Members.CountAsync(m => m.StreetId == street.OrganizationId);
        });
        var allMembers = await portal.WithDbAsync(db => db.Members.CountAsync());
        streetMembers.ShouldBeLessThan(allMembers);

        var job = await StartAsUserAsync("street", async (services, export) =>
        {
            export.Report(10, "正在统计");
            var count = await services.GetRequiredService<PortalDbContext>().Members.CountAsync(export.CancellationToken);
            export.Report(90, "正在写入");
            await export.Output.WriteAsync(Encoding.UTF8.GetBytes($"党员{count}名"), export.CancellationToken);
        }, title: "街道党员数");
        job.Status.ShouldBe(ExportStatus.Queued);

        var done = await FinishedAsync(job.Id);
        done.Status.ShouldBe(ExportStatus.Done);
        done.Percent.ShouldBe(100);
        done.Bytes.ShouldBeGreaterThan(0);

        using var street = await portal.ClientFor("street");
        var page = await street.GetDocumentAsync($"/exports/{job.Id}");
        page.QuerySelector("#export-job h1")!.TextContent.ShouldBe("街道党员数");
        page.QuerySelector("#export-download")!.ClassList.ShouldNotContain("d-none");
        (await street.GetDocumentAsync("/exports")).QuerySelector($"tr[data-export='{job.Id}']").ShouldNotBeNull();
        var status = await street.GetStringAsync($"/exports/{job.Id}/status");
        status.ShouldContain("\"status\":\"Done\"");

        var file = await street.GetAsync($"/exports/{job.Id}/file");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("测试导出.txt");
        // The work ran with the street's scope: it counted the street's members, not the county's.
        (await file.Content.ReadAsStringAsync()).ShouldBe($"党员{streetMembers}名");

        var audits = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.TargetId == job.Id.ToString()).Select(a => a.Action).ToListAsync());
        audits.ShouldContain("export.start");
        audits.ShouldContain("export.download");

        // Anyone else: not found, on every route, and not listed.
        foreach (var other in new[] { "county", "secretary", "unit" })
        {
            using var client = await portal.ClientFor(other);
            foreach (var url in new[] { $"/exports/{job.Id}", $"/exports/{job.Id}/status", $"/exports/{job.Id}/file" })
            {
                (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{other} {url}");
            }
            (await client.GetDocumentAsync("/exports")).QuerySelector($"tr[data-export='{job.Id}']").ShouldBeNull();
        }
    }

    [Fact]
    public async Task A_failed_export_says_why_and_offers_no_file()
    {
        var refused = await FinishedAsync((await StartAsUserAsync("county", (_, _) => throw new ExportRefusedException("所选年度没有数据"))).Id);
        refused.Status.ShouldBe(ExportStatus.Failed);
        refused.Error.ShouldBe("所选年度没有数据");

        var crashed = await FinishedAsync((await StartAsUserAsync("county", async (_, export) =>
        {
            await export.Output.WriteAsync(new byte[] { 1, 2, 3 });
            throw new InvalidOperationException("boom");
        })).Id);
        crashed.Status.ShouldBe(ExportStatus.Failed);
        crashed.Error.ShouldNotBeNull().ShouldContain("导出时发生错误");
        crashed.Error.ShouldNotContain("boom");
        var store = portal.Services.GetRequiredService<ExportStore>();
        File.Exists(store.FilePath(crashed.Id)).ShouldBeFalse();
        File.Exists(store.FilePath(crashed.Id) + ".tmp").ShouldBeFalse();

        using var county = await portal.ClientFor("county");
        (await county.GetDocumentAsync($"/exports/{crashed.Id}")).QuerySelector("#export-stage")!.TextContent.ShouldContain("导出失败");
        (await county.GetAsync($"/exports/{crashed.Id}/file")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_slow_export_reports_its_progress_while_it_runs()
    {
        var release = new TaskCompletionSource();
        var reported = new TaskCompletionSource();
        var job = await StartAsUserAsync("county", async (_, export) =>
        {
            export.Report(40, "正在写入第2张表");
            reported.SetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await export.Output.WriteAsync(Encoding.UTF8.GetBytes("ok"));
        });
        await reported.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using var county = await portal.ClientFor("county");
        using (var status = System.Text.Json.JsonDocument.Parse(await county.GetStringAsync($"/exports/{job.Id}/status")))
        {
            status.RootElement.GetProperty("status").GetString().ShouldBe("Running");
            status.RootElement.GetProperty("percent").GetInt32().ShouldBe(40);
            status.RootElement.GetProperty("stage").GetString().ShouldBe("正在写入第2张表");
            status.RootElement.GetProperty("download").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        }
        var page = await county.GetDocumentAsync($"/exports/{job.Id}");
        page.QuerySelector("#export-download")!.ClassList.ShouldContain("d-none");
        (await county.GetAsync($"/exports/{job.Id}/file")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        release.SetResult();
        (await FinishedAsync(job.Id)).Status.ShouldBe(ExportStatus.Done);
        (await county.GetAsync($"/exports/{job.Id}/file")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Files_are_kept_for_a_day_and_a_restart_fails_the_interrupted_jobs()
    {
        var store = portal.Services.GetRequiredService<ExportStore>();
        var job = await FinishedAsync((await StartAsUserAsync("secretary", async (_, export) => await export.Output.WriteAsync(new byte[] { 42 }))).Id);
        File.Exists(store.FilePath(job.Id)).ShouldBeTrue();

        // A job left running by a stopped portal: a new store over the same folder marks it failed.
        var orphan = new ExportJob
        {
            UserId = job.UserId, UserName = job.UserName, Title = "中断的导出", Status = ExportStatus.Running,
            CreatedAt = job.CreatedAt, ExpiresAt = job.ExpiresAt,
        };
        store.Save(orphan);
        var reopened = new ExportStore(portal.Services.GetRequiredService<IOptions<PortalOptions>>(), portal.Services.GetRequiredService<IWebHostEnvironment>(), portal.Time);
        reopened.Find(orphan.Id)!.Status.ShouldBe(ExportStatus.Failed);
        reopened.Find(orphan.Id)!.Error.ShouldNotBeNull().ShouldContain("重启");
        reopened.Find(job.Id)!.Status.ShouldBe(ExportStatus.Done);

        using (var secretaryToday = await portal.ClientFor("secretary"))
        {
            (await secretaryToday.GetAsync($"/exports/{job.Id}/file")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        portal.Time.Advance(ExportStore.KeptFor + TimeSpan.FromMinutes(1));
        try
        {
            using var secretary = await portal.ClientFor("secretary");
            (await secretary.GetAsync($"/exports/{job.Id}/file")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await secretary.GetAsync($"/exports/{job.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            store.DeleteExpired(portal.Time.GetUtcNow().UtcDateTime).ShouldBeGreaterThanOrEqualTo(1);
            File.Exists(store.FilePath(job.Id)).ShouldBeFalse();
            store.Find(job.Id).ShouldBeNull();
        }
        finally
        {
            portal.Time.Advance(-(ExportStore.KeptFor + TimeSpan.FromMinutes(1)));
        }
    }
}

public sealed class SqliteExportJobsTests(SqlitePortal portal) : ExportJobsTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresExportJobsTests(PostgresPortal portal) : ExportJobsTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
