using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;

namespace CommunityPartyPortal.Domain.Seeding;

/// <summary>The shape of a synthetic year of service in a <see cref="SyntheticCounty"/>.</summary>
public sealed record SyntheticServiceOptions
{
    /// <summary>About how many service records in all (the county scale: 500,000).</summary>
    public int Records { get; init; } = 500_000;
    public int ActivitiesPerCommunity { get; init; } = 40;
    public int PostsPerCommunity { get; init; } = 6;
    public int HouseholdsPerCommunity { get; init; } = 12;
    public int WishesPerCommunity { get; init; } = 20;
    public int Seed { get; init; } = 20261129;
}

/// <summary>
/// A deterministic year of community service for a synthetic county, up to its <c>AsOf</c> day: the
/// year's requirement rules (seed 003), activities per community (the meeting days, volunteer days and
/// others), service records (check-ins, a few manual, pending and rejected), posts and claims,
/// households with pairings and monthly visits, wishes in every state, suggestions and recognitions.
/// Every record belongs to the member's own community and respects the unique "one open" slots.
/// </summary>
public sealed class SyntheticService
{
    public List<RequirementRule> Rules { get; } = [];
    public List<Activity> Activities { get; } = [];
    public List<ServiceRecord> Records { get; } = [];
    public List<ServicePost> Posts { get; } = [];
    public List<PostClaim> Claims { get; } = [];
    public List<Household> Households { get; } = [];
    public List<HouseholdPairing> Pairings { get; } = [];
    public List<HouseholdVisit> Visits { get; } = [];
    public List<Wish> Wishes { get; } = [];
    public List<Suggestion> Suggestions { get; } = [];
    public List<Recognition> Recognitions { get; } = [];

    private static readonly string[] ActivityTitles =
        ["政策宣讲进楼院", "环境卫生大扫除", "关爱空巢老人", "法律咨询服务", "义诊服务", "文化活动", "治安巡逻", "助学辅导", "便民维修", "垃圾分类宣传"];

    private static readonly ServiceCategory[] Categories =
    [
        ServiceCategory.PolicyPublicity, ServiceCategory.Environment, ServiceCategory.PovertyRelief, ServiceCategory.LegalAid, ServiceCategory.HealthCare,
        ServiceCategory.CultureRecreation, ServiceCategory.SecurityMediation, ServiceCategory.PovertyRelief, ServiceCategory.Convenience, ServiceCategory.Environment,
    ];

    /// <summary>Stores everything with the <see cref="BulkLoader"/>, parents before children.</summary>
    public async Task LoadAsync(Data.PortalDbContext db, CancellationToken ct = default)
    {
        await BulkLoader.LoadRowsAsync(db, Rules, ct);
        await BulkLoader.LoadRowsAsync(db, Activities, ct);
        await BulkLoader.LoadRowsAsync(db, Posts, ct);
        await BulkLoader.LoadRowsAsync(db, Claims, ct);
        await BulkLoader.LoadRowsAsync(db, Records, ct);
        await BulkLoader.LoadRowsAsync(db, Households, ct);
        await BulkLoader.LoadRowsAsync(db, Pairings, ct);
        await BulkLoader.LoadRowsAsync(db, Visits, ct);
        await BulkLoader.LoadRowsAsync(db, Wishes, ct);
        await BulkLoader.LoadRowsAsync(db, Suggestions, ct);
        await BulkLoader.LoadRowsAsync(db, Recognitions, ct);
    }

    public static SyntheticService Build(SyntheticCounty county, SyntheticServiceOptions? options = null) =>
        new Generator(county, options ?? new SyntheticServiceOptions()).Run();

    private sealed class Generator(SyntheticCounty county, SyntheticServiceOptions o)
    {
        private readonly Random random = new(o.Seed);
        private readonly SyntheticService result = new();
        private readonly DateOnly asOf = county.Options.AsOf;
        private readonly DateTime stamp = county.Options.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        private long idClock;
        private int serial;

        public SyntheticService Run()
        {
            var year = asOf.Year;
            foreach (var rule in RequirementPresets.Create(RequirementPresets.Seed003, year)) result.Rules.Add(Stamped(rule));
            var residents = county.Members.Where(m => m.CommunityId is not null && m.MovedOutOn is null)
                .GroupBy(m => m.CommunityId!.Value).ToDictionary(g => g.Key, g => g.ToList());
            var total = residents.Values.Sum(l => l.Count);
            var perMember = total == 0 ? 0 : (double)o.Records / total;
            foreach (var community in county.Organizations.Where(c => c.Kind == OrgKind.Community))
            {
                var members = residents.GetValueOrDefault(community.Id) ?? [];
                var activities = CommunityActivities(community.Id, year);
                ServiceOf(community.Id, members, activities, perMember);
                PostsOf(community.Id, members, year);
                HouseholdsOf(community.Id, members, year);
                WishesOf(community.Id, members, year);
            }
            return result;
        }

        /// <summary>A version 7 Guid, time-ordered from the as-of day on, random bits from the seed.</summary>
        private Guid NextId()
        {
            var milliseconds = new DateTimeOffset(stamp).ToUnixTimeMilliseconds() + idClock++;
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            for (var i = 0; i < 6; i++) bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
            bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
            bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
            return new Guid(bytes, bigEndian: true);
        }

        private T Stamped<T>(T entity) where T : EditableEntity
        {
            entity.Id = NextId();
            entity.CreatedAt = stamp;
            entity.UpdatedAt = stamp;
            entity.Version = NextId();
            return entity;
        }

        private DateOnly RandomDay(int year, DateOnly? from = null)
        {
            var first = from ?? new DateOnly(year, 1, 1);
            var span = asOf.DayNumber - first.DayNumber;
            return span <= 0 ? first : first.AddDays(random.Next(span + 1));
        }

        private List<Activity> CommunityActivities(Guid community, int year)
        {
            var list = new List<Activity>();
            for (var i = 0; i < o.ActivitiesPerCommunity; i++)
            {
                var kind = i % 10 == 0 ? ActivityKind.MeetingDay : i % 10 == 5 ? ActivityKind.VolunteerDay : i % 3 == 0 ? ActivityKind.ConcentratedService : ActivityKind.Regular;
                var day = RandomDay(year);
                var hours = 1 + random.Next(3);
                var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(8 + random.Next(8), 0)), Clock.China);
                var t = random.Next(ActivityTitles.Length);
                list.Add(Stamped(new Activity
                {
                    CommunityId = community, Title = ActivityTitles[t], Kind = kind, Category = Categories[t], IsPublicWelfare = t % 2 == 0,
                    Place = "社区党群服务中心", StartsAt = start, EndsAt = start.AddHours(hours), Organiser = "社区党委",
                    DefaultMinutes = hours * 60, CheckInCode = NextId().ToString("N"),
                }));
            }
            result.Activities.AddRange(list);
            return list;
        }

        private void ServiceOf(Guid community, List<Member> members, List<Activity> activities, double perMember)
        {
            var held = activities.Where(a => DateOnly.FromDateTime(Clock.ToChina(a.EndsAt)) <= asOf).ToList();
            foreach (var member in members)
            {
                // Most members serve a few times, some a lot, some not at all.
                var n = (int)Math.Round(perMember * (random.NextDouble() * random.NextDouble() * 4));
                var chosen = new HashSet<int>();
                for (var k = 0; k < n; k++)
                {
                    var status = random.Next(100) switch { < 94 => RecordStatus.Confirmed, < 98 => RecordStatus.Pending, _ => RecordStatus.Rejected };
                    var fromActivity = held.Count > 0 && random.Next(100) < 85 && chosen.Add(random.Next(held.Count));
                    if (fromActivity)
                    {
                        var a = held[chosen.Last()];
                        result.Records.Add(Stamped(new ServiceRecord
                        {
                            MemberId = member.Id, CommunityId = community, ActivityId = a.Id, ServedOn = DateOnly.FromDateTime(Clock.ToChina(a.StartsAt)),
                            Content = a.Title, Category = a.Category, IsPublicWelfare = a.IsPublicWelfare, Minutes = a.DefaultMinutes,
                            Source = RecordSource.CheckIn, Status = status, RecordedBy = "社区书记", ConfirmedBy = status == RecordStatus.Confirmed ? "社区书记" : null,
                            ActiveSlot = status is RecordStatus.Confirmed or RecordStatus.Pending ? 1 : null,
                        }));
                    }
                    else
                    {
                        var t = random.Next(ActivityTitles.Length);
                        result.Records.Add(Stamped(new ServiceRecord
                        {
                            MemberId = member.Id, CommunityId = community, ServedOn = RandomDay(asOf.Year), Content = ActivityTitles[t], Category = Categories[t],
                            Minutes = 30 * (1 + random.Next(8)), Source = RecordSource.Manual, Status = status, RecordedBy = "社区书记",
                            ConfirmedBy = status == RecordStatus.Confirmed ? "网格员" : null,
                        }));
                    }
                }
                if (random.Next(100) < 30)
                {
                    result.Suggestions.Add(Stamped(new Suggestion
                    {
                        MemberId = member.Id, CommunityId = community, SubmittedOn = RandomDay(asOf.Year), Title = "关于改善小区环境的建议", Content = "建议增设休息座椅和路灯。",
                        Status = random.Next(2) == 0 ? SuggestionStatus.Answered : SuggestionStatus.Submitted,
                    }));
                }
                if (random.Next(100) < 2)
                {
                    result.Recognitions.Add(Stamped(new Recognition
                    {
                        MemberId = member.Id, CommunityId = community, Year = asOf.Year, Title = "服务标兵", AwardedOn = RandomDay(asOf.Year), AwardedBy = "社区党委",
                    }));
                }
            }
        }

        private void PostsOf(Guid community, List<Member> members, int year)
        {
            var kinds = Enum.GetValues<PostKind>();
            var posts = Enumerable.Range(0, o.PostsPerCommunity).Select(i => Stamped(new ServicePost
            {
                CommunityId = community, Kind = kinds[i % kinds.Length], Category = Categories[i % Categories.Length], Name = $"{ActivityTitles[i % ActivityTitles.Length]}岗",
            })).ToList();
            result.Posts.AddRange(posts);
            if (posts.Count == 0) return;
            foreach (var member in members.Where(_ => random.Next(100) < 20))
            {
                result.Claims.Add(Stamped(new PostClaim
                {
                    PostId = posts[random.Next(posts.Count)].Id, MemberId = member.Id, CommunityId = community, Status = ClaimStatus.Approved,
                    RequestedOn = RandomDay(year), ApprovedOn = RandomDay(year), DecidedBy = "社区书记", ActiveSlot = 1,
                }));
            }
        }

        private void HouseholdsOf(Guid community, List<Member> members, int year)
        {
            var kinds = Enum.GetValues<HouseholdKind>();
            var helps = Enum.GetValues<HelpKind>();
            for (var i = 0; i < o.HouseholdsPerCommunity && members.Count > 0; i++)
            {
                var household = Stamped(new Household
                {
                    CommunityId = community, Serial = $"{year}-联系-{++serial:D6}", Kind = kinds[i % kinds.Length], HeadName = $"联系对象{i + 1}",
                    Address = $"{i + 1}号楼{1 + (i % 4)}单元", Needs = "日常照料",
                });
                result.Households.Add(household);
                var member = members[random.Next(members.Count)];
                var paired = new DateOnly(year, 1 + random.Next(Math.Max(1, asOf.Month - 1)), 1 + random.Next(28));
                result.Pairings.Add(Stamped(new HouseholdPairing { HouseholdId = household.Id, MemberId = member.Id, CommunityId = community, PairedOn = paired, ActiveSlot = 1 }));
                for (var month = new DateOnly(paired.Year, paired.Month, 1); month <= asOf; month = month.AddMonths(1))
                {
                    if (random.Next(100) < 15) continue;
                    var day = month.AddDays(random.Next(28));
                    if (day < paired || day > asOf) continue;
                    result.Visits.Add(Stamped(new HouseholdVisit
                    {
                        HouseholdId = household.Id, MemberId = member.Id, CommunityId = community, VisitedOn = day, Help = helps[i % helps.Length],
                        Content = "上门走访", RecordedBy = "社区书记",
                    }));
                }
            }
        }

        private void WishesOf(Guid community, List<Member> members, int year)
        {
            var states = Enum.GetValues<WishStatus>();
            for (var i = 0; i < o.WishesPerCommunity; i++)
            {
                var status = states[random.Next(states.Length)];
                var claimed = status is WishStatus.Claimed or WishStatus.Fulfilled or WishStatus.Confirmed && members.Count > 0;
                var submitted = RandomDay(year);
                result.Wishes.Add(Stamped(new Wish
                {
                    CommunityId = community, Serial = $"{year}-心愿-{++serial:D6}", Title = "微心愿", ResidentName = "居民", Source = WishSource.WishWall,
                    Category = Categories[i % Categories.Length], Status = status, SubmittedOn = submitted,
                    ClaimedByMemberId = claimed ? members[random.Next(members.Count)].Id : null, ClaimedOn = claimed ? submitted : null,
                    FulfilledOn = status is WishStatus.Fulfilled or WishStatus.Confirmed ? submitted : null,
                }));
            }
        }
    }
}
