using System.Net;
using System.Text.Json;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.MemberSearch;

/// <summary>GET /members/search: the member picker's data, by name, pinyin and digits, within the user's scope.</summary>
public abstract class MemberSearchTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private sealed record Hit(Guid Id, string Name, string Initials, string WorkUnit, string Community, string MobileTail, string Category);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<List<Hit>> SearchAsync(PortalClient client, string q)
    {
        var response = await client.GetAsync("/members/search?q=" + Uri.EscapeDataString(q));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonSerializer.Deserialize<List<Hit>>(await response.Content.ReadAsStringAsync(), Json)!;
    }

    private async Task<Member> SecretarysResidentAsync() => await portal.WithDbAsync(async db =>
    {
        var secretary = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "secretary");
        return await db.Members.AsNoTracking()
            .Where(m => m.CommunityId == secretary.OrganizationId && m.MovedOutOn == null && m.NameInitials!.Length >= 2)
            .OrderBy(m => m.Id).FirstAsync();
    });

    [Fact]
    public async Task Finds_a_resident_by_name_initials_pinyin_phone_and_id_tail()
    {
        var member = await SecretarysResidentAsync();
        using var secretary = await portal.ClientFor("secretary");
        foreach (var q in new[] { member.Name, member.Name[..1], member.NameInitials!, member.NameInitials!.ToUpperInvariant(), member.NamePinyin!.Split(' ')[0], member.Mobile[^4..], member.NationalId[^6..] })
        {
            var hits = await SearchAsync(secretary, q);
            hits.Select(h => h.Id).ShouldContain(member.Id, $"query {q}");
            hits.Count.ShouldBeLessThanOrEqualTo(10);
        }
        var hit = (await SearchAsync(secretary, member.Mobile[^4..])).Single(h => h.Id == member.Id);
        hit.MobileTail.ShouldBe(member.Mobile[^4..]);
        hit.Name.ShouldBe(member.Name);
        hit.Initials.ShouldBe(member.NameInitials);
    }

    [Fact]
    public async Task Finds_nobody_outside_the_users_scope_and_nothing_for_too_short_digits()
    {
        var member = await SecretarysResidentAsync();
        using var other = await portal.ClientFor("secretary2");
        (await SearchAsync(other, member.Name)).Select(h => h.Id).ShouldNotContain(member.Id);
        (await SearchAsync(other, member.Mobile[^4..])).Select(h => h.Id).ShouldNotContain(member.Id);
        using var secretary = await portal.ClientFor("secretary");
        (await SearchAsync(secretary, "12")).ShouldBeEmpty("two digits would match everybody");
        (await SearchAsync(secretary, "")).ShouldBeEmpty();

        using var member1 = await portal.ClientFor("member");
        (await member1.GetAsync("/members/search?q=" + Uri.EscapeDataString(member.Name))).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Found, HttpStatusCode.NotFound);
        (await portal.AnonymousClient().GetAsync("/members/search?q=a")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}

public sealed class SqliteMemberSearchTests(SqlitePortal portal) : MemberSearchTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresMemberSearchTests(PostgresPortal portal) : MemberSearchTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
