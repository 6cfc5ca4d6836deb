using System.Globalization;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using CommunityPartyPortal.IntegrationTests.Roster;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// What the feedback web tests share: a past year's cycles created and the first quarter closed by the county through
/// HTTP, with members reported to the secretary's community (working in a unit under the unit admin) and one reported
/// to secretary2's community (another unit). Every test takes a year of its own, so the tests of a fixture never meet.
/// </summary>
public abstract class FeedbackWebTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static int nextYear = 2000;

    protected TPortal Portal => portal;

    /// <summary>A past year no other test of the run uses.</summary>
    protected static int NewYear() => Interlocked.Increment(ref nextYear);

    protected static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The closed first quarter of a new year, its drafts, and their members.</summary>
    protected sealed record Setup(int Year, Guid CycleId, Guid Unit, Guid OtherUnit, IReadOnlyList<Member> Here, Member There)
    {
        public string CycleUrl => $"/feedback/cycles/{CycleId}";
    }

    /// <summary>
    /// Members named with the given surnames (pinyin order = the order given) reported for the year to the secretary's
    /// community, one to secretary2's; the county creates the year's cycles (seed003) and closes the first quarter.
    /// </summary>
    protected async Task<Setup> ClosedQuarterAsync(params string[] surnames)
    {
        var year = NewYear();
        var here = await CommunityOfAsync(portal, "secretary");
        var there = await CommunityOfAsync(portal, "secretary2");
        var unit = await MembersTestData.UnitInsideAsync(portal);
        var otherUnit = await MembersTestData.UnitOutsideAsync(portal);
        var members = new List<Member>();
        foreach (var surname in surnames)
        {
            var m = await TestMembers.AddMemberAsync(portal, here, unit, id => surname + "反馈" + id[^4..]);
            await RosterTestData.ConfirmReportAsync(portal, m.Id, here, year, new DateOnly(year, 1, 10));
            members.Add(m);
        }
        var outsider = await TestMembers.AddMemberAsync(portal, there, otherUnit, id => "外社区" + id[^4..]);
        await RosterTestData.ConfirmReportAsync(portal, outsider.Id, there, year, new DateOnly(year, 1, 10));

        using var county = await portal.ClientFor("county");
        await RedirectAsync(await county.PostFormAsync("/feedback/cycles/preset",
            new Dictionary<string, string> { ["year"] = Text(year), ["preset"] = FeedbackCyclePresets.Seed003 }, $"/feedback/cycles?year={year}"));
        var cycle = await portal.WithDbAsync(db => db.FeedbackCycles.AsNoTracking().SingleAsync(c => c.Year == year && c.Period == FeedbackPeriod.Quarter && c.Number == 1));
        await RedirectAsync(await county.PostFormAsync($"/feedback/cycles/{cycle.Id}/close", new Dictionary<string, string>(), $"/feedback/cycles?year={year}"));
        return new Setup(year, cycle.Id, unit, otherUnit, members, outsider);
    }

    protected Task<FeedbackCard> CardOfAsync(Setup s, Member m, int revision = 1) => portal.WithDbAsync(db =>
        db.FeedbackCards.AsNoTracking().SingleAsync(c => c.CycleId == s.CycleId && c.MemberId == m.Id && c.Revision == revision));

    protected Task<FeedbackCard> CardAsync(Guid id) => portal.WithDbAsync(db => db.FeedbackCards.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>Every card's version and the serial counters: equal before and after = nothing written.</summary>
    protected Task<string> FeedbackFingerprintAsync() => portal.WithDbAsync(async db =>
        string.Join(",", await db.FeedbackCards.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version).ToListAsync()) + "|" +
        string.Join(",", await db.SerialCounters.AsNoTracking().OrderBy(c => c.DocumentType).ThenBy(c => c.Year).Select(c => c.Next).ToListAsync()));

    /// <summary>Reviews a draft through its page's form.</summary>
    protected static async Task ReviewAsync(PortalClient secretary, Guid cardId, FeedbackGrade grade, string? opinion = null, string? vetoReason = null)
    {
        var page = $"/feedback/cards/{cardId}";
        var fields = TestForms.FieldsOf(await secretary.GetDocumentAsync(page), "#review-form", trimTextAreas: true)
            .With("Grade", grade.ToString()).With("Opinion", opinion ?? "");
        if (vetoReason is not null) fields.With("Veto", "true").With("VetoReason", vetoReason);
        await RedirectAsync(await secretary.PostFormAsync($"{page}/review", fields, page));
    }

    /// <summary>Sends one card from its page.</summary>
    protected static async Task SendAsync(PortalClient secretary, Guid cardId) =>
        await RedirectAsync(await secretary.PostFormAsync($"/feedback/cards/{cardId}/send", new Dictionary<string, string>(), $"/feedback/cards/{cardId}"));

    /// <summary>The text of the flash (or error) shown on the page a POST redirected to.</summary>
    protected static async Task<string> FlashAfterAsync(PortalClient client, HttpResponseMessage response)
    {
        var location = await RedirectAsync(response);
        var page = await client.GetDocumentAsync(location);
        return string.Join(" | ", page.QuerySelectorAll("main > .alert").Select(a => a.TextContent.Trim()));
    }

    protected static List<KeyValuePair<string, string>> Selected(params Guid[] ids) => [.. ids.Select(id => new KeyValuePair<string, string>("cardIds", id.ToString()))];

    protected static void ShouldBeSerial(string? serial, int year) => serial.ShouldNotBeNull().ShouldMatch($"^{year}-反馈卡-\\d{{6}}$");
}
