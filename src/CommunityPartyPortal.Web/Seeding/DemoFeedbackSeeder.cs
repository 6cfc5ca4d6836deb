using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Seeding;

/// <summary>
/// Feedback cards to look at, for Development: last year's cycles (seed 003: four quarters and the year), 报到 of last
/// year for the demo secretary's in-service members with a work unit, the fourth quarter closed (drafts), most of them
/// reviewed (one with a veto), some sent, one of those acknowledged by the unit and one corrected. Deterministic; runs
/// once after the demo county and its service year (nothing happens when last year already has cycles).
/// </summary>
public sealed class DemoFeedbackSeeder(
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext db,
    TimeProvider time,
    ILogger<DemoFeedbackSeeder> logger)
{
    private const int Members = 16;

    private static readonly (FeedbackGrade Grade, string Opinion)[] Reviews =
    [
        (FeedbackGrade.Excellent, "积极参加社区志愿服务，带头认领公益岗位，群众评价好。"),
        (FeedbackGrade.Qualified, "能够按时参加社区活动，服务态度认真。"),
        (FeedbackGrade.Qualified, "参加集中服务日活动，完成结对走访。"),
        (FeedbackGrade.BasicallyQualified, "参加社区活动次数偏少，希望今后多参与。"),
    ];

    public async Task SeedAsync()
    {
        var year = Clock.TodayInChina(time).Year - 1;
        if (await db.FeedbackCycles.AnyAsync(c => c.Year == year)) return;
        var secretary = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "secretary");
        var community = secretary.OrganizationId;
        var members = await db.Members.AsNoTracking()
            .Where(m => m.CommunityId == community && m.Category == MemberCategory.InService && m.MovedOutOn == null && m.WorkUnitId != null
                        && !db.CommunityReports.Any(r => r.MemberId == m.Id && r.Year == year))
            .OrderBy(m => m.Id).Take(Members).ToListAsync();
        if (members.Count < 8) return;

        db.FeedbackCycles.AddRange(FeedbackCyclePresets.Create(FeedbackCyclePresets.Seed003, year));
        for (var i = 0; i < members.Count; i++)
        {
            db.CommunityReports.Add(new CommunityReport
            {
                Year = year,
                MemberId = members[i].Id,
                CommunityId = community,
                ReportedOn = new DateOnly(year, 3, 1 + i),
                Status = ReportStatus.Confirmed,
                ConfirmedBy = "张书记",
                ReceiptSerial = $"{year}-报到-D{i + 1:000000}",
                InfoCardSerial = $"{year}-信息卡-D{i + 1:000000}",
                CommitmentSerial = $"{year}-承诺卡-D{i + 1:000000}",
            });
        }
        await db.SaveChangesAsync();

        var quarter = await db.FeedbackCycles.AsNoTracking().SingleAsync(c => c.Year == year && c.Period == FeedbackPeriod.Quarter && c.Number == 4);
        var drafted = await FeedbackDrafter.CloseAsync(db, quarter.Id, "县委组织部 王主任");

        var cards = await db.FeedbackCards.Where(c => c.CycleId == quarter.Id && c.CommunityId == community)
            .OrderBy(c => c.MemberId).ToListAsync();
        var now = time.GetUtcNow().UtcDateTime;
        // The last four stay drafts without a review; one of the reviewed has a veto.
        for (var i = 0; i < cards.Count - 4; i++)
        {
            var (grade, opinion) = Reviews[i % Reviews.Length];
            var veto = i == 3;
            cards[i].Review(veto ? FeedbackGrade.Unqualified : grade, veto ? "全年仅参加一次社区活动，未履行服务承诺。" : opinion, veto,
                veto ? "未履行服务承诺，全年参加社区活动不足两次" : null, "张书记", now);
        }
        await db.SaveChangesAsync();

        var toSend = cards.Take(Math.Max(0, cards.Count - 6)).ToList();
        await FeedbackSender.SendAsync(db, toSend, "张书记");
        if (toSend.Count >= 2)
        {
            toSend[0].Acknowledge("单位党委 陈干事", now);
            db.FeedbackCards.Add(toSend[1].Correct());
            await db.SaveChangesAsync();
        }
        logger.LogInformation("Seeded the demo feedback: {Year} cycles, {Drafted} cards drafted, {Sent} sent", year, drafted, toSend.Count);
    }
}
