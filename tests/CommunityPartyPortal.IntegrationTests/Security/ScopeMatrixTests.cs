using System.Net;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Security;

/// <summary>
/// Every member route × every role × a member inside and outside the role's scope: inside answers as the
/// role allows, outside answers 404 (or 403 for a role that may not use the route at all) and writes
/// nothing. Runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class ScopeMatrixTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static readonly string[] Users = ["county", "street", "secretary", "secretary2", "unit", "member"];
    private static readonly HashSet<string> Editors = ["county", "secretary", "secretary2", "unit"];

    private static readonly string[] DetailRoutes = ["/members/{0}", "/members/{0}/photo"];
    private static readonly string[] EditorGetRoutes = ["/members/{0}/edit", "/members/{0}/move-out", "/members/{0}/flows/new"];
    private static readonly string[] EditorPostRoutes =
    [
        "/members/{0}/edit", "/members/{0}/move-out", "/members/{0}/move-back", "/members/{0}/flows/new", "/members/{0}/account",
    ];

    private sealed record Targets(Guid Inside, Guid? Outside);

    /// <summary>For each demo user: a member it must see and one it must not, from the seeded data.</summary>
    private async Task<Dictionary<string, Targets>> TargetsAsync() => await portal.WithDbAsync(async db =>
    {
        var users = await db.Users.AsNoTracking().Where(u => Users.Contains(u.UserName!)).ToListAsync();
        var tree = await OrgTree.LoadAsync(db);
        var members = await db.Members.AsNoTracking().Where(m => m.MovedOutOn == null)
            .Select(m => new { m.Id, m.StreetId, m.CommunityId, m.WorkUnitId }).ToListAsync();
        var result = new Dictionary<string, Targets>();
        foreach (var user in users)
        {
            Func<Guid, Guid?, Guid?, Guid?, bool> inScope = user.Role switch
            {
                PortalRole.CountyAdmin => (_, _, _, _) => true,
                PortalRole.StreetAdmin => (_, street, _, _) => street == user.OrganizationId,
                PortalRole.CommunitySecretary => (_, _, community, _) => community == user.OrganizationId,
                PortalRole.UnitAdmin => (_, _, _, unit) => unit is { } u && tree.Subtree(user.OrganizationId).Any(n => n.Id == u),
                _ => (id, _, _, _) => id == user.MemberId,
            };
            var inside = members.First(m => inScope(m.Id, m.StreetId, m.CommunityId, m.WorkUnitId)).Id;
            var outside = members.FirstOrDefault(m => !inScope(m.Id, m.StreetId, m.CommunityId, m.WorkUnitId))?.Id;
            result[user.UserName!] = new Targets(inside, outside);
        }
        foreach (var id in result.Values.SelectMany(t => new[] { t.Inside, t.Outside }).OfType<Guid>().Distinct())
        {
            if (!await db.MemberPhotos.AnyAsync(p => p.MemberId == id))
            {
                db.MemberPhotos.Add(new MemberPhoto { MemberId = id, ContentType = "image/png", Content = TestImages.Png, UpdatedAt = DateTime.UtcNow });
                (await db.Members.FindAsync(id))!.HasPhoto = true;
            }
        }
        await db.SaveChangesAsync();
        return result;
    });

    /// <summary>A fingerprint of everything a member route could write.</summary>
    private Task<string> FingerprintAsync() => portal.WithDbAsync(async db =>
    {
        var members = await db.Members.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Version).ToListAsync();
        var photos = await db.MemberPhotos.CountAsync();
        var flows = await db.MemberFlowRecords.CountAsync();
        var users = await db.Users.CountAsync();
        return $"{string.Join(",", members)}|{photos}|{flows}|{users}";
    });

    [Fact]
    public async Task Every_member_route_answers_by_role_and_scope_and_writes_nothing_across_tenants()
    {
        var targets = await TargetsAsync();
        targets.Keys.ShouldBe(Users, ignoreOrder: true);
        var failures = new List<string>();

        foreach (var user in Users)
        {
            using var client = await portal.ClientFor(user);
            var (inside, outside) = (targets[user].Inside, targets[user].Outside);
            var editor = Editors.Contains(user);

            foreach (var route in DetailRoutes)
            {
                await Expect(client, user, "GET", string.Format(route, inside), HttpStatusCode.OK);
                if (outside is { } o) await Expect(client, user, "GET", string.Format(route, o), HttpStatusCode.NotFound);
            }
            foreach (var route in EditorGetRoutes)
            {
                await Expect(client, user, "GET", string.Format(route, inside), editor ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
                if (outside is { } o) await Expect(client, user, "GET", string.Format(route, o), editor ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            }
            if (outside is { } other)
            {
                var before = await FingerprintAsync();
                foreach (var route in EditorPostRoutes)
                {
                    var url = string.Format(route, other);
                    var response = await client.PostFormAsync(url, MinimalForm(), "/");
                    var expected = editor ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
                    if (response.StatusCode != expected) failures.Add($"{user} POST {url}: {(int)response.StatusCode}, expected {(int)expected}");
                }
                using (var photo = Multipart())
                {
                    var response = await client.PostMultipartAsync($"/members/{other}/photo", photo, "/");
                    var expected = editor ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
                    if (response.StatusCode != expected) failures.Add($"{user} POST photo of outside member: {(int)response.StatusCode}, expected {(int)expected}");
                }
                (await FingerprintAsync()).ShouldBe(before, $"{user}: a refused cross-tenant write changed data");
            }

            var list = await client.GetAsync("/members");
            var listExpected = user == "member" ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            if (list.StatusCode != listExpected) failures.Add($"{user} GET /members: {(int)list.StatusCode}");
            var create = await client.GetAsync("/members/new");
            if (create.StatusCode != (editor ? HttpStatusCode.OK : HttpStatusCode.Forbidden)) failures.Add($"{user} GET /members/new: {(int)create.StatusCode}");
            foreach (var admin in new[] { "/accounts", "/accounts/new", "/audit" })
            {
                var response = await client.GetAsync(admin);
                if (response.StatusCode != (user == "county" ? HttpStatusCode.OK : HttpStatusCode.Forbidden)) failures.Add($"{user} GET {admin}: {(int)response.StatusCode}");
            }
            var home = await client.GetAsync("/");
            if (home.StatusCode != HttpStatusCode.OK) failures.Add($"{user} GET /: {(int)home.StatusCode}");
        }

        failures.ShouldBeEmpty();

        async Task Expect(PortalClient client, string user, string method, string url, HttpStatusCode expected)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != expected) failures.Add($"{user} {method} {url}: {(int)response.StatusCode}, expected {(int)expected}");
        }
    }

    [Fact]
    public async Task The_member_list_shows_exactly_the_scope()
    {
        var targets = await TargetsAsync();
        foreach (var user in Users.Where(u => u != "member"))
        {
            using var client = await portal.ClientFor(user);
            var expected = await portal.WithDbAsync(async db =>
            {
                var account = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == user);
                var tree = await OrgTree.LoadAsync(db);
                var units = tree.Subtree(account.OrganizationId).Select(n => (Guid?)n.Id).ToList();
                var active = db.Members.AsNoTracking().Where(m => m.MovedOutOn == null);
                return account.Role switch
                {
                    PortalRole.CountyAdmin => await active.CountAsync(),
                    PortalRole.StreetAdmin => await active.CountAsync(m => m.StreetId == account.OrganizationId),
                    PortalRole.CommunitySecretary => await active.CountAsync(m => m.CommunityId == account.OrganizationId),
                    _ => await active.CountAsync(m => units.Contains(m.WorkUnitId)),
                };
            });
            var page = await client.GetDocumentAsync("/members");
            page.QuerySelector("#member-total")!.TextContent.ShouldContain(expected.ToString(), Case.Sensitive, $"{user}'s list total");

            if (targets[user].Outside is { } outside)
            {
                var id = await portal.WithDbAsync(db => db.Members.Where(m => m.Id == outside).Select(m => m.NationalId).SingleAsync());
                var search = await client.GetDocumentAsync($"/members?q={id}");
                search.QuerySelectorAll("#member-list tbody tr[data-member-id]").Length.ShouldBe(0, $"{user} found an outside member by ID");
            }
        }
    }

    private static Dictionary<string, string> MinimalForm() => new() { ["Name"] = "越权测试" };

    private static MultipartFormDataContent Multipart()
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        content.Add(file, "photo", "photo.png");
        return content;
    }
}

public sealed class SqliteScopeMatrixTests(SqlitePortal portal) : ScopeMatrixTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresScopeMatrixTests(PostgresPortal portal) : ScopeMatrixTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
