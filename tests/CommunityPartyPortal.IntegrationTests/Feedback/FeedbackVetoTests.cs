using System.Net;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.Web.Features.FeedbackInbox;
using CommunityPartyPortal.Web.Features.Publicity;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Feedback.FeedbackInboxTestData;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// The 一票否决 through HTTP: a member whose latest sent card of the year carries a veto is marked 「不宜评先评优」 on the
/// unit's member list, member details and inbox, and refused on a 评先选优 publicity (not on another kind); a correction
/// without the veto lifts it; a draft veto does nothing.
/// </summary>
public abstract class FeedbackVetoTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private Task<int> PublicitiesAsync() => portal.WithDbAsync(db => db.Publicities.AsNoTracking().CountAsync());

    private static Dictionary<string, string> Publicity(string kind, Guid member, DateOnly start) => new()
    {
        ["Title"] = "2026年度优秀共产党员拟表彰人选公示", ["Kind"] = kind, ["StartsOn"] = Iso(start), ["EndsOn"] = Iso(start.AddDays(6)),
        ["Honour"] = "优秀共产党员", ["MemberIds"] = member.ToString(),
    };

    [Fact]
    public async Task A_vetoed_member_is_marked_wherever_the_unit_sees_him_and_refused_on_a_commendation_list()
    {
        var year = Today(portal).Year;
        var cycle = await CycleAsync(portal, year, FeedbackPeriod.Quarter, 1);
        var (vetoed, clean, drafted) = (await UnitMemberAsync(portal, "否决"), await UnitMemberAsync(portal, "清白"), await UnitMemberAsync(portal, "草稿"));
        var card = await CardAsync(portal, vetoed, cycle, vetoReason: "与邻里发生纠纷造成不良影响", grade: FeedbackGrade.Unqualified);
        await CardAsync(portal, clean, cycle);
        await CardAsync(portal, drafted, cycle, send: false, vetoReason: "草稿中的否决");
        var badge = FeedbackCardView.VetoBadge(year);
        badge.ShouldBe($"不宜评先评优（{year}年社区一票否决）");
        using var unit = await portal.ClientFor("unit");

        foreach (var (member, marked) in new[] { (vetoed, true), (clean, false), (drafted, false) })
        {
            var list = await unit.GetDocumentAsync($"/members?q={Uri.EscapeDataString(member.Name)}");
            var row = list.QuerySelector($"tr[data-member-id='{member.Id}']").ShouldNotBeNull(member.Name);
            (row.QuerySelector(".veto-badge")?.TextContent).ShouldBe(marked ? badge : null, member.Name);
            var details = await unit.GetDocumentAsync($"/members/{member.Id}");
            (details.QuerySelector("#member-veto")?.TextContent).ShouldBe(marked ? badge : null, member.Name);
        }
        (await unit.GetDocumentAsync($"/feedback/inbox?cycle={cycle.Id}")).QuerySelector($"tr[data-card-id='{card.Id}'] .veto-badge")!.TextContent.ShouldBe(badge);

        // 评先选优 refuses him, with the badge's words; nothing written. Another kind takes him.
        var before = await PublicitiesAsync();
        var start = Today(portal);
        var refused = await ShouldBeFormWithErrorsAsync(await unit.PostFormAsync("/publicity/new", Publicity(CreatePublicity.Commendation, vetoed.Id, start), "/publicity/new"));
        FieldError(refused, "MemberIds").ShouldBe($"{vetoed.Name}：{badge}，不能列入评先选优公示");
        (await PublicitiesAsync()).ShouldBe(before);
        var other = await unit.PostFormAsync("/publicity/new", Publicity("干部考察", vetoed.Id, start), "/publicity/new");
        other.StatusCode.ShouldBe(HttpStatusCode.Redirect, ErrorMessages(await other.Content.ReadAsStringAsync()));
        (await unit.PostFormAsync("/publicity/new", Publicity(CreatePublicity.Commendation, clean.Id, start), "/publicity/new")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The community corrects the card without the veto: the mark is lifted.
        await CorrectAsync(portal, card.Id, vetoReason: null);
        (await unit.GetDocumentAsync($"/members/{vetoed.Id}")).QuerySelector("#member-veto").ShouldBeNull();
        (await unit.PostFormAsync("/publicity/new", Publicity(CreatePublicity.Commendation, vetoed.Id, start), "/publicity/new")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

public sealed class SqliteFeedbackVetoTests(SqlitePortal portal) : FeedbackVetoTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresFeedbackVetoTests(PostgresPortal portal) : FeedbackVetoTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
