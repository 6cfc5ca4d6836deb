using System.Net;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Members.MembersTestData;

namespace CommunityPartyPortal.IntegrationTests.Members;

/// <summary>The member card: scope (404 across tenants), masking, and the audited reveal for PII users only.</summary>
public abstract class MemberPrivacyTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task Another_community_gets_404_for_the_secretarys_member()
    {
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        (await secretary.GetAsync($"/members/{member.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var secretary2 = await portal.ClientFor("secretary2");
        (await secretary2.GetAsync($"/members/{member.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary2.GetAsync($"/members/{member.Id}?reveal=1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AuditCountAsync(portal, "member.view-pii", member.Id)).ShouldBe(0);

        using var own = await portal.ClientFor("member");
        (await own.GetAsync($"/members/{member.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_street_admin_sees_masked_values_and_reveal_does_not_unmask()
    {
        var member = await AddMemberAsync(portal);
        using var street = await portal.ClientFor("street");

        var page = await street.GetDocumentAsync($"/members/{member.Id}");
        page.QuerySelector("#member-national-id")!.TextContent.ShouldBe(Masking.NationalId(member.NationalId));
        page.QuerySelector("#member-mobile")!.TextContent.ShouldBe(Masking.Mobile(member.Mobile));
        page.QuerySelector("#reveal-link").ShouldBeNull("the street admin has no PII permission");
        page.QuerySelector("#member-actions").ShouldBeNull("the street admin does not edit members");

        var asked = await street.GetStringAsync($"/members/{member.Id}?reveal=1");
        asked.ShouldNotContain(member.NationalId);
        asked.ShouldNotContain(member.Mobile);
        PortalClient.Parse(asked).QuerySelector("#member-national-id")!.TextContent.ShouldBe(Masking.NationalId(member.NationalId));
        (await AuditCountAsync(portal, "member.view-pii", member.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task The_county_reveals_the_full_values_and_each_reveal_is_audited()
    {
        var member = await AddMemberAsync(portal);
        using var county = await portal.ClientFor("county");

        var masked = await county.GetStringAsync($"/members/{member.Id}");
        masked.ShouldNotContain(member.NationalId);
        masked.ShouldNotContain(member.Mobile);
        var link = PortalClient.Parse(masked).QuerySelector("#reveal-link")!;
        link.TextContent.ShouldContain("显示完整信息");
        link.GetAttribute("href").ShouldBe($"/members/{member.Id}?reveal=1");
        (await AuditCountAsync(portal, "member.view-pii", member.Id)).ShouldBe(0);

        var revealed = await county.GetDocumentAsync($"/members/{member.Id}?reveal=1");
        revealed.QuerySelector("#member-national-id")!.TextContent.ShouldBe(member.NationalId);
        revealed.QuerySelector("#member-mobile")!.TextContent.ShouldBe(member.Mobile);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == "member.view-pii" && a.TargetId == member.Id.ToString()));
        audit.UserName.ShouldBe("county");
        audit.TargetType.ShouldBe("Member");
        audit.Success.ShouldBeTrue();

        await county.GetDocumentAsync($"/members/{member.Id}?reveal=1");
        (await AuditCountAsync(portal, "member.view-pii", member.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task The_card_shows_every_section_in_chinese()
    {
        var member = await AddMemberAsync(portal, m =>
        {
            m.Specialties = "书法";
            m.ServiceIntentions = Domain.Members.ServiceCategory.PolicyPublicity | Domain.Members.ServiceCategory.Environment;
        });
        using var secretary = await portal.ClientFor("secretary");
        var page = await secretary.GetDocumentAsync($"/members/{member.Id}");
        page.QuerySelectorAll("#member-card h2").Select(h => h.TextContent.Trim())
            .ShouldBe(["基本信息", "组织关系", "居住信息", "特长与服务意向", "迁出情况"]);
        page.QuerySelector("#member-intentions")!.TextContent.ShouldBe("政策宣传、环境保护");
        var labels = page.QuerySelectorAll("#member-card dt").Select(d => d.TextContent.Trim()).ToList();
        labels.ShouldContain("身份证号");
        labels.ShouldContain("入党日期");
        labels.ShouldContain("工作单位");
        labels.ShouldContain("网格");
        foreach (var action in new[] { "#action-edit", "#action-photo", "#action-flow", "#action-move-out", "#action-account" })
        {
            page.QuerySelector(action).ShouldNotBeNull(action);
        }
        page.QuerySelectorAll("[style]").ShouldBeEmpty("CSP forbids inline styles");
        page.QuerySelectorAll("[onclick]").ShouldBeEmpty("CSP forbids inline handlers");
    }
}

public sealed class SqliteMemberPrivacyTests(SqlitePortal portal) : MemberPrivacyTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresMemberPrivacyTests(PostgresPortal portal) : MemberPrivacyTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
