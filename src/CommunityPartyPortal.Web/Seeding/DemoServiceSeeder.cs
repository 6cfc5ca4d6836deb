using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Seeding;

/// <summary>
/// The demo secretary's community at work, for Development: this year's requirement rules (seed 003),
/// posts with claims, a volunteer team and a party group, the year's recurring activities with
/// check-ins for those already held, wishes in every state, households with pairings and visits,
/// suggestions and a recognition. Deterministic; runs once after the demo county.
/// </summary>
public sealed class DemoServiceSeeder(
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext db,
    TimeProvider time,
    ILogger<DemoServiceSeeder> logger)
{
    public async Task SeedAsync()
    {
        var secretary = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "secretary");
        var community = secretary.OrganizationId;
        var today = Clock.TodayInChina(time);
        var year = today.Year;
        var random = new Random(year);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.CommunityId == community && m.MovedOutOn == null)
            .OrderBy(m => m.Id).Take(40).ToListAsync();
        if (members.Count < 40) return;

        if (!await db.RequirementRules.AnyAsync(r => r.Year == year))
        {
            db.RequirementRules.AddRange(RequirementPresets.Create(RequirementPresets.Seed003, year));
        }

        var posts = new[]
        {
            Post(community, PostKind.PublicWelfarePost, ServiceCategory.PolicyPublicity, "政策宣传岗", "宣讲惠民政策，发放宣传资料"),
            Post(community, PostKind.PublicWelfarePost, ServiceCategory.Environment, "环境卫生监督岗", "督导垃圾分类，清理楼道杂物"),
            Post(community, PostKind.ResponsibilityArea, ServiceCategory.SecurityMediation, "1至3号楼责任区", "邻里纠纷调解、安全隐患排查", area: "1号楼—3号楼"),
            Post(community, PostKind.ContactHousehold, ServiceCategory.PovertyRelief, "困难家庭联系岗", "每月走访结对困难家庭"),
            Post(community, PostKind.ServiceDay, ServiceCategory.HealthCare, "为民服务日义诊岗", "量血压、健康咨询", capacity: 4),
            Post(community, PostKind.PublicWelfarePost, ServiceCategory.LegalAid, "法律咨询岗", "为居民提供法律咨询", capacity: 2),
        };
        db.ServicePosts.AddRange(posts);
        for (var i = 0; i < 12; i++)
        {
            var post = posts[i % posts.Length];
            db.PostClaims.Add(new PostClaim
            {
                PostId = post.Id, MemberId = members[i].Id, CommunityId = community, Status = i == 11 ? ClaimStatus.Requested : ClaimStatus.Approved,
                RequestedOn = new DateOnly(year, 3, 1 + i), ApprovedOn = i == 11 ? null : new DateOnly(year, 3, 2 + i), DecidedBy = i == 11 ? null : "张书记",
            });
        }

        var team = new Team { CommunityId = community, Kind = TeamKind.VolunteerTeam, Name = "红色先锋志愿者服务队", Category = ServiceCategory.Convenience, LeaderMemberId = members[0].Id };
        var group = new Team { CommunityId = community, Kind = TeamKind.PartyGroup, Name = "在职党员第一党小组", LeaderMemberId = members[5].Id };
        db.Teams.AddRange(team, group);
        for (var i = 0; i < 10; i++)
        {
            db.TeamMemberships.Add(new TeamMembership { TeamId = i < 5 ? team.Id : group.Id, MemberId = members[i].Id, CommunityId = community, JoinedOn = new DateOnly(year, 3, 15) });
        }

        foreach (var activity in Activities(community, year))
        {
            db.Activities.Add(activity);
            if (DateOnly.FromDateTime(Clock.ToChina(activity.EndsAt)) >= today) continue;
            foreach (var member in members.Where(_ => random.Next(100) < 45))
            {
                db.ServiceRecords.Add(new ServiceRecord
                {
                    MemberId = member.Id, CommunityId = community, ActivityId = activity.Id, ServedOn = DateOnly.FromDateTime(Clock.ToChina(activity.StartsAt)),
                    Content = activity.Title, Category = activity.Category, IsPublicWelfare = activity.IsPublicWelfare, Minutes = activity.DefaultMinutes,
                    Source = RecordSource.CheckIn, Status = RecordStatus.Confirmed, RecordedBy = "张书记", ConfirmedBy = "张书记", ConfirmedAt = activity.EndsAt,
                });
            }
        }

        AddWishes(community, members, year, today);
        AddHouseholds(community, members, year, today);
        for (var i = 0; i < 6; i++)
        {
            var answered = i < 3;
            db.Suggestions.Add(new Suggestion
            {
                MemberId = members[20 + i].Id, CommunityId = community, SubmittedOn = new DateOnly(year, 4 + i, 10), Title = SuggestionTitles[i], Content = SuggestionTitles[i] + "，建议社区协调解决。",
                Status = answered ? SuggestionStatus.Answered : SuggestionStatus.Submitted, Answer = answered ? "已转物业落实，感谢建议。" : null,
                AnsweredOn = answered ? new DateOnly(year, 4 + i, 20) : null, AnsweredBy = answered ? "张书记" : null,
            });
        }
        db.Recognitions.Add(new Recognition { MemberId = members[0].Id, CommunityId = community, Year = year, Title = "优秀志愿服务标兵", AwardedOn = new DateOnly(year, 7, 1), AwardedBy = "社区党委" });

        await db.SaveChangesAsync();
        logger.LogInformation("Seeded the demo community's service records for {Year}", year);
    }

    private static readonly string[] SuggestionTitles = ["增设小区路灯", "规范电动车停放", "老旧楼道加装扶手", "增加垃圾分类投放点", "开设老年人智能手机课堂", "改善小区健身器材"];

    private static ServicePost Post(Guid community, PostKind kind, ServiceCategory category, string name, string duties, string? area = null, int? capacity = null) =>
        new() { CommunityId = community, Kind = kind, Category = category, Name = name, Duties = duties, Area = area, Capacity = capacity };

    /// <summary>The meeting day (first Saturday of odd months), the volunteer day (last Saturday of each quarter), two other activities.</summary>
    private static IEnumerable<Activity> Activities(Guid community, int year)
    {
        var series = Guid.CreateVersion7();
        foreach (var month in new[] { 1, 3, 5, 7, 9, 11 })
        {
            var day = new DateOnly(year, month, 1);
            while (day.DayOfWeek != DayOfWeek.Saturday) day = day.AddDays(1);
            yield return Activity(community, day, 9, 2, "党员活动日", ActivityKind.MeetingDay, ServiceCategory.PolicyPublicity, false, series);
        }
        var volunteer = Guid.CreateVersion7();
        foreach (var month in new[] { 3, 6, 9, 12 })
        {
            var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            while (day.DayOfWeek != DayOfWeek.Saturday) day = day.AddDays(-1);
            yield return Activity(community, day, 8, 3, "全县志愿服务日", ActivityKind.VolunteerDay, ServiceCategory.Environment, true, volunteer);
        }
        yield return Activity(community, new DateOnly(year, 4, 18), 14, 2, "关爱老人义诊", ActivityKind.ConcentratedService, ServiceCategory.HealthCare, true, null);
        yield return Activity(community, new DateOnly(year, 8, 22), 9, 3, "法律知识进社区", ActivityKind.ConcentratedService, ServiceCategory.LegalAid, true, null);
    }

    private static Activity Activity(Guid community, DateOnly day, int hour, int hours, string title, ActivityKind kind, ServiceCategory category, bool welfare, Guid? series)
    {
        var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), Clock.China);
        return new Activity
        {
            CommunityId = community, Title = $"{day.Month}月{title}", Kind = kind, Category = category, IsPublicWelfare = welfare, Place = "社区党群服务中心",
            StartsAt = start, EndsAt = start.AddHours(hours), Organiser = "社区党委", DefaultMinutes = hours * 60, SeriesId = series,
            CheckInCode = Guid.NewGuid().ToString("N"),
        };
    }

    private void AddWishes(Guid community, List<Member> members, int year, DateOnly today)
    {
        var wishes = new (string Title, WishStatus Status, WishSource Source, ServiceCategory Category)[]
        {
            ("帮独居老人更换灯泡", WishStatus.Confirmed, WishSource.WishWall, ServiceCategory.Convenience),
            ("辅导小学生数学作业", WishStatus.Fulfilled, WishSource.WishBox, ServiceCategory.CultureRecreation),
            ("陪同残疾居民就医", WishStatus.Claimed, WishSource.GridVisit, ServiceCategory.HealthCare),
            ("为困难家庭孩子捐赠书包", WishStatus.Published, WishSource.WishWall, ServiceCategory.PovertyRelief),
            ("修理单元门门禁", WishStatus.Published, WishSource.WishBox, ServiceCategory.Convenience),
            ("咨询房屋继承法律问题", WishStatus.Approved, WishSource.GridVisit, ServiceCategory.LegalAid),
            ("希望学习使用智能手机", WishStatus.Submitted, WishSource.WishWall, ServiceCategory.CultureRecreation),
        };
        var n = 0;
        foreach (var (title, status, source, category) in wishes)
        {
            n++;
            var claimed = status is WishStatus.Claimed or WishStatus.Fulfilled or WishStatus.Confirmed;
            db.Wishes.Add(new Wish
            {
                CommunityId = community, Serial = $"{year}-心愿-{900000 + n}", Title = title, ResidentName = "居民" + "甲乙丙丁戊己庚"[n - 1], Source = source, Category = category,
                Status = status, SubmittedOn = new DateOnly(year, 5, n), PublishedOn = status >= WishStatus.Published ? new DateOnly(year, 5, n + 3) : null,
                ClaimedByMemberId = claimed ? members[30 + n].Id : null, ClaimedOn = claimed ? new DateOnly(year, 5, n + 5) : null,
                FulfilledOn = status >= WishStatus.Fulfilled ? new DateOnly(year, 6, n) : null, FulfilmentNote = status >= WishStatus.Fulfilled ? "已完成，居民满意" : null,
                ConfirmedBy = status == WishStatus.Confirmed ? "张书记" : null, ConfirmedOn = status == WishStatus.Confirmed ? new DateOnly(year, 6, n + 2) : null,
            });
        }
        _ = today;
    }

    private void AddHouseholds(Guid community, List<Member> members, int year, DateOnly today)
    {
        var kinds = new[] { HouseholdKind.LonelyElder, HouseholdKind.Disabled, HouseholdKind.PoorStudent, HouseholdKind.PoorFamily };
        var help = new[] { HelpKind.Elderly, HelpKind.Disability, HelpKind.Study, HelpKind.Poverty };
        for (var i = 0; i < kinds.Length; i++)
        {
            var household = new Household
            {
                CommunityId = community, Serial = $"{year}-联系-{900001 + i}", Kind = kinds[i], HeadName = "联系对象" + "甲乙丙丁"[i],
                Address = $"{i + 1}号楼{i + 1}单元10{i + 1}", Situation = "家庭生活困难", Needs = "日常照料、政策帮扶",
            };
            db.Households.Add(household);
            var member = members[12 + i];
            var paired = new DateOnly(year, 3, 1);
            db.HouseholdPairings.Add(new HouseholdPairing { HouseholdId = household.Id, MemberId = member.Id, CommunityId = community, PairedOn = paired });
            // The last household misses the previous month, so the "not visited" flags have something to show.
            for (var month = paired; month < new DateOnly(today.Year, today.Month, 1) && month.Year == year; month = month.AddMonths(1))
            {
                if (i == kinds.Length - 1 && month.AddMonths(1) >= new DateOnly(today.Year, today.Month, 1)) continue;
                db.HouseholdVisits.Add(new HouseholdVisit
                {
                    HouseholdId = household.Id, MemberId = member.Id, CommunityId = community, VisitedOn = month.AddDays(9),
                    Help = help[i], Content = "上门走访，了解近况", RecordedBy = "张书记",
                });
            }
        }
    }
}
