using System.Net;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.ServiceRecords.ServiceRecordTestData;

namespace CommunityPartyPortal.IntegrationTests.Requirements;

/// <summary>
/// A member's progress computed from known records and shown through HTTP (the rules at their edges), who may see it,
/// and the lists of members behind per community and per unit. Each test works in its own past year.
/// </summary>
public abstract class RequirementProgressTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static IElement Rule(IDocument page, RequirementKind kind) =>
        page.QuerySelector($"#rule-progress tr[data-kind='{kind}']") ?? throw new ShouldAssertException($"no {kind} row");

    private static bool Met(IDocument page, RequirementKind kind) => Rule(page, kind).GetAttribute("data-met") == "true";

    private async Task<Member> MemberWithDaysAsync(int year, params (int Month, int Day, int Minutes)[] days)
    {
        var member = await AddMemberAsync(portal);
        foreach (var (month, day, minutes) in days) await AddRecordAsync(portal, member, new DateOnly(year, month, day), minutes);
        return member;
    }

    [Fact]
    public async Task Five_distinct_days_meet_seed000_four_do_not_and_only_the_years_confirmed_records_count()
    {
        const int year = 2024;
        await SetRulesAsync(portal, year, RequirementPresets.Seed000);
        // Five days, one of them twice; pending and rejected records do not count.
        var five = await MemberWithDaysAsync(year, (1, 5, 60), (3, 1, 60), (3, 1, 30), (5, 9, 60), (8, 8, 60), (11, 30, 60));
        await AddRecordAsync(portal, five, new DateOnly(year, 12, 1), 60, RecordStatus.Pending);
        var four = await MemberWithDaysAsync(year, (1, 5, 60), (3, 1, 60), (5, 9, 60), (8, 8, 60));
        await AddRecordAsync(portal, four, new DateOnly(year, 9, 1), 60, RecordStatus.Pending);
        await AddRecordAsync(portal, four, new DateOnly(year, 9, 2), 60, RecordStatus.Rejected);
        // The fifth day on 31 December counts; 1 January of the next year does not.
        var lastDay = await MemberWithDaysAsync(year, (1, 5, 60), (3, 1, 60), (5, 9, 60), (8, 8, 60), (12, 31, 60));
        var nextYear = await MemberWithDaysAsync(year, (1, 5, 60), (3, 1, 60), (5, 9, 60), (8, 8, 60));
        await AddRecordAsync(portal, nextYear, new DateOnly(year + 1, 1, 1), 60);

        using var secretary = await portal.ClientFor("secretary");
        async Task<IDocument> Page(Member m) => await secretary.GetDocumentAsync($"/requirements/member/{m.Id}?year={year}");
        var page = await Page(five);
        Met(page, RequirementKind.DistinctDays).ShouldBeTrue();
        Rule(page, RequirementKind.DistinctDays).QuerySelector(".rule-achieved")!.TextContent.ShouldBe("5天");
        Rule(page, RequirementKind.DistinctDays).QuerySelector(".rule-badge")!.TextContent.ShouldBe("已达标");
        page.QuerySelectorAll("#member-records tr[data-record-id]").Length.ShouldBe(7, "every record of the year is listed");
        page.QuerySelector("#total-days")!.TextContent.ShouldBe("5");
        page = await Page(four);
        Met(page, RequirementKind.DistinctDays).ShouldBeFalse();
        Rule(page, RequirementKind.DistinctDays).QuerySelector(".rule-achieved")!.TextContent.ShouldBe("4天");
        Rule(page, RequirementKind.DistinctDays).QuerySelector(".rule-badge")!.TextContent.ShouldBe("进度落后");
        Met(await Page(lastDay), RequirementKind.DistinctDays).ShouldBeTrue();
        page = await Page(nextYear);
        Met(page, RequirementKind.DistinctDays).ShouldBeFalse();
        page.QuerySelectorAll("#member-records tr[data-record-id]").Length.ShouldBe(4);
    }

    [Fact]
    public async Task Eight_hours_across_three_records_meet_the_hours_alternative_and_the_five_ones_count_their_sources()
    {
        const int year = 2023;
        await SetRulesAsync(portal, year, RequirementPresets.Seed003);
        await portal.WithDbAsync(async db =>
        {
            // Five services or eight hours, so that three records meet it only by their hours.
            var rule = await db.RequirementRules.SingleAsync(r => r.Year == year && r.Kind == RequirementKind.ServicesOrHours);
            rule.Minimum = 5;
            await db.SaveChangesAsync();
        });
        var eight = await MemberWithDaysAsync(year, (2, 1, 160), (6, 1, 160), (10, 1, 160));
        var almost = await MemberWithDaysAsync(year, (2, 1, 160), (6, 1, 160), (10, 1, 159));
        await AddRecordAsync(portal, eight, new DateOnly(year, 4, 4), 60, RecordStatus.Confirmed, welfare: true);
        await portal.WithDbAsync(async db =>
        {
            var community = eight.CommunityId!.Value;
            var post = new ServicePost { CommunityId = community, Name = "测试公益岗" + Guid.NewGuid().ToString("N")[..6], Kind = PostKind.PublicWelfarePost, Category = ServiceCategory.Environment };
            var household = new Household { CommunityId = community, Serial = "T" + Guid.NewGuid().ToString("N")[..20], HeadName = "测试户", Address = "1号楼", Kind = HouseholdKind.LonelyElder };
            db.AddRange(post, household);
            db.PostClaims.Add(new PostClaim { PostId = post.Id, MemberId = eight.Id, CommunityId = community, Status = ClaimStatus.Approved, RequestedOn = new DateOnly(year, 3, 1), ApprovedOn = new DateOnly(year, 3, 2) });
            db.Suggestions.Add(new Suggestion { MemberId = eight.Id, CommunityId = community, SubmittedOn = new DateOnly(year, 5, 5), Title = "建议", Content = "增设路灯" });
            db.Recognitions.Add(new Recognition { MemberId = eight.Id, CommunityId = community, Year = year, Title = "服务标兵", AwardedOn = new DateOnly(year, 12, 20), AwardedBy = "社区党委" });
            db.HouseholdPairings.Add(new HouseholdPairing { HouseholdId = household.Id, MemberId = eight.Id, CommunityId = community, PairedOn = new DateOnly(year - 1, 12, 1) });
            for (var month = 1; month <= 12; month++)
            {
                db.HouseholdVisits.Add(new HouseholdVisit { HouseholdId = household.Id, MemberId = eight.Id, CommunityId = community, VisitedOn = new DateOnly(year, month, 10), Help = HelpKind.Elderly, Content = "走访", RecordedBy = "测试" });
            }
            await db.SaveChangesAsync();
        });

        using var unit = await portal.ClientFor("unit");
        var page = await unit.GetDocumentAsync($"/requirements/member/{eight.Id}?year={year}");
        foreach (var kind in RequirementPresets.Find(RequirementPresets.Seed003)!.Rules.Select(r => r.Kind))
        {
            Met(page, kind).ShouldBeTrue(kind.ToString());
        }
        page = await unit.GetDocumentAsync($"/requirements/member/{almost.Id}?year={year}");
        Met(page, RequirementKind.ServicesOrHours).ShouldBeFalse("7.98 hours and 3 services of 5");
        Met(page, RequirementKind.PostClaimed).ShouldBeFalse();
        Met(page, RequirementKind.HouseholdVisitedMonthly).ShouldBeFalse();
    }

    [Fact]
    public async Task The_progress_page_is_visible_to_the_community_the_unit_the_street_and_the_member_only()
    {
        var year = 2022;
        var own = await AddMemberAsync(portal);
        var outsider = await AddMemberAsync(portal, "secretary2", await MembersTestData.UnitOutsideAsync(portal));
        var self = (await TestMembers.UserAsync(portal, "member")).MemberId!.Value;
        await AddRecordAsync(portal, own, new DateOnly(year, 6, 1), 60);
        async Task Expect(string user, Guid member, HttpStatusCode status)
        {
            using var client = await portal.ClientFor(user);
            (await client.GetAsync($"/requirements/member/{member}?year={year}")).StatusCode.ShouldBe(status, $"{user} → {member}");
        }
        await Expect("secretary", own.Id, HttpStatusCode.OK);
        await Expect("unit", own.Id, HttpStatusCode.OK);
        await Expect("street", own.Id, HttpStatusCode.OK);
        await Expect("county", own.Id, HttpStatusCode.OK);
        await Expect("member", self, HttpStatusCode.OK);
        await Expect("secretary2", own.Id, HttpStatusCode.NotFound);
        await Expect("unit", outsider.Id, HttpStatusCode.NotFound);
        await Expect("street", outsider.Id, HttpStatusCode.NotFound);
        await Expect("member", own.Id, HttpStatusCode.NotFound);
        await Expect("secretary", outsider.Id, HttpStatusCode.NotFound);
        await Expect("secretary2", outsider.Id, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_behind_lists_hold_exactly_the_members_behind_in_the_community_and_in_the_unit()
    {
        const int year = 2021;
        await SetRulesAsync(portal, year, RequirementPresets.Seed000);
        var done = await MemberWithDaysAsync(year, (1, 1, 60), (2, 1, 60), (3, 1, 60), (4, 1, 60), (5, 1, 60));
        var behind = await MemberWithDaysAsync(year, (1, 1, 60), (2, 1, 60));
        var elsewhere = await AddMemberAsync(portal, "secretary2"); // the unit's member living in another community
        var elsewhereDone = await AddMemberAsync(portal, "secretary2");
        foreach (var m in new[] { 1, 2, 3, 4, 5 }) await AddRecordAsync(portal, elsewhereDone, new DateOnly(year, m, 3), 60);

        var start = new DateOnly(year, 1, 1);
        var community = done.CommunityId!.Value;
        var expectedCommunity = await portal.WithDbAsync(db => db.Members.AsNoTracking()
            .Where(m => m.CommunityId == community && m.Category == MemberCategory.InService && (m.MovedOutOn == null || m.MovedOutOn >= start) && m.Id != done.Id)
            .Select(m => m.Id).ToListAsync());
        var units = await UnitSubtreeAsync();
        var expectedUnit = await portal.WithDbAsync(db => db.Members.AsNoTracking()
            .Where(m => m.WorkUnitId != null && units.Contains(m.WorkUnitId.Value) && m.Category == MemberCategory.InService
                        && (m.MovedOutOn == null || m.MovedOutOn >= start) && m.Id != done.Id && m.Id != elsewhereDone.Id)
            .Select(m => m.Id).ToListAsync());

        using var secretary = await portal.ClientFor("secretary");
        var listed = await ListAsync(secretary, $"/requirements/behind?year={year}");
        listed.ShouldBe(expectedCommunity, ignoreOrder: true);
        listed.ShouldContain(behind.Id);
        listed.ShouldNotContain(elsewhere.Id);

        using var unit = await portal.ClientFor("unit");
        listed = await ListAsync(unit, $"/requirements/behind?year={year}&sort=name");
        listed.ShouldBe(expectedUnit, ignoreOrder: true);
        listed.ShouldContain(elsewhere.Id);
        listed.ShouldContain(behind.Id);

        // Sorted by name: the pinyin order of the first page.
        var first = await unit.GetDocumentAsync($"/requirements/behind?year={year}&sort=name");
        var ids = first.QuerySelectorAll("#behind-list tr[data-member-id]").Select(r => Guid.Parse(r.GetAttribute("data-member-id")!)).ToList();
        var pinyin = await portal.WithDbAsync(db => db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.NamePinyin ?? ""));
        ids.Select(i => pinyin[i]).ShouldBe(ids.Select(i => pinyin[i]).Order(StringComparer.Ordinal));

        // Members, streets and the county have no such list.
        foreach (var user in new[] { "member", "street", "county" })
        {
            using var client = await portal.ClientFor(user);
            (await client.GetAsync($"/requirements/behind?year={year}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }
    }

    [Fact]
    public async Task Before_1_July_the_list_is_a_note_and_asOf_previews_it()
    {
        var year = Domain.Common.Clock.TodayInChina(portal.Time).Year;
        await SetRulesAsync(portal, year, RequirementPresets.Seed000);
        using var secretary = await portal.ClientFor("secretary");
        var early = await secretary.GetDocumentAsync($"/requirements/behind?year={year}&asOf={year}-06-30");
        early.QuerySelector("#behind-note")!.TextContent.ShouldContain("7月1日");
        early.QuerySelector("#behind-list").ShouldBeNull();
        var july = await secretary.GetDocumentAsync($"/requirements/behind?year={year}&asOf={year}-07-01");
        july.QuerySelector("#behind-note").ShouldBeNull();
        july.QuerySelectorAll("#behind-list tr[data-member-id]").Length.ShouldBeGreaterThan(0);
    }

    private static async Task<List<Guid>> ListAsync(PortalClient client, string url)
    {
        var ids = new List<Guid>();
        var first = await client.GetDocumentAsync(url);
        var total = int.Parse(first.QuerySelector("#behind-total")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        for (var page = 1; ids.Count < total && page < 100; page++)
        {
            var doc = page == 1 ? first : await client.GetDocumentAsync($"{url}&page={page}");
            ids.AddRange(doc.QuerySelectorAll("#behind-list tr[data-member-id]").Select(r => Guid.Parse(r.GetAttribute("data-member-id")!)));
        }
        ids.Count.ShouldBe(total);
        ids.Distinct().Count().ShouldBe(total);
        return ids;
    }

    private async Task<List<Guid>> UnitSubtreeAsync()
    {
        var root = (await TestMembers.UserAsync(portal, "unit")).OrganizationId;
        var all = await portal.WithDbAsync(db => db.Organizations.AsNoTracking().Select(o => new { o.Id, o.ParentId }).ToListAsync());
        var result = new List<Guid> { root };
        for (var i = 0; i < result.Count; i++) result.AddRange(all.Where(o => o.ParentId == result[i]).Select(o => o.Id));
        return result;
    }
}

public sealed class SqliteRequirementProgressTests(SqlitePortal portal) : RequirementProgressTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresRequirementProgressTests(PostgresPortal portal) : RequirementProgressTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
