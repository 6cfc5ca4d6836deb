using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Web.Features.MemberSearch;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>
/// 签到 by the secretary: the member chosen in the list (or the one member the search text matches; several →
/// the candidates), the hours of this check-in, and the idempotency key of the page view. A repeated key answers
/// the first result and writes nothing. Refused with a reason (nothing written) when the activity is cancelled or
/// outside its window, the hours are not positive or longer than the activity, the member is not an active member
/// of the community, or the member is already checked in.
/// </summary>
public sealed class CheckInMember(PortalDbContext db, SearchMembers search, TimeProvider time) : IUseCase
{
    public const string SearchRequired = "请输入姓名、拼音首字母、手机号或身份证号后几位";
    public const string NoMatch = "未找到匹配的党员（仅限本社区未迁出的党员）";
    public const string Several = "匹配到多名党员，请选择";

    /// <summary>NotFound: the activity is not visible (404). Otherwise a flash (checked in) or a problem on a field, or candidates.</summary>
    public sealed record Outcome(bool NotFound, string? Flash = null, string? Field = null, string? Error = null,
        IReadOnlyList<CheckInScreen.Candidate>? Candidates = null);

    public async Task<Outcome> HandleAsync(Guid activityId, CheckInScreen.Form form, bool hoursValid, string by)
    {
        // One connection for the handful of queries and the write (not one open per query).
        await db.Database.OpenConnectionAsync();
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId);
        if (activity is null) return new(true);
        var key = CheckInStore.CleanKey(form.IdempotencyKey);
        if (await CheckInStore.FindByKeyAsync(db, key) is { } done) return new(false, Flash: Done(done.Name, done.Minutes));

        var now = time.GetUtcNow().UtcDateTime;
        if (CheckInRules.Refusal(activity, now, self: false) is { } refusal) return new(false, Field: "", Error: refusal);
        var (minutes, hoursProblem) = hoursValid ? CheckInRules.Minutes(form.Hours, activity.LengthMinutes) : (0, "请填写正确的时长（小时，可含一位小数）");
        if (hoursProblem is not null) return new(false, Field: nameof(form.Hours), Error: hoursProblem);

        var (member, problem, candidates) = await ResolveAsync(form);
        if (candidates is not null) return new(false, Field: nameof(form.Q), Error: Several, Candidates: candidates);
        if (member is null) return new(false, Field: nameof(form.Q), Error: problem);

        var refused = await CheckInStore.AddAsync(db, activity, member, minutes, self: false, by, key, now);
        return refused is null
            ? new(false, Flash: Done(member.Name, minutes))
            : new(false, Field: nameof(form.Q), Error: $"{member.Name}：{refused}");
    }

    public static string Done(string name, int minutes) => $"已签到：{name}，{CheckInRules.Hours(minutes)}小时";

    /// <summary>The member to check in: chosen by id, or the search text's only match.</summary>
    private async Task<(Member? Member, string? Problem, IReadOnlyList<CheckInScreen.Candidate>? Candidates)> ResolveAsync(CheckInScreen.Form form)
    {
        if ((form.Pick ?? form.MemberId) is { } id)
        {
            // Scoped: a member of another community is simply not found. Tracked (unchanged), so the write's scope
            // check judges the member in memory instead of querying it again.
            var chosen = await db.Members.FirstOrDefaultAsync(m => m.Id == id && m.MovedOutOn == null);
            return (chosen, chosen is null ? NoMatch : null, null);
        }
        if (string.IsNullOrWhiteSpace(form.Q)) return (null, SearchRequired, null);
        var hits = await search.HandleAsync(form.Q, SearchMembers.Limit);
        if (hits.Count == 0) return (null, NoMatch, null);
        // A full name typed exactly wins over longer names that contain it (张三 vs 张三丰).
        var exact = hits.Where(h => h.Name == form.Q.Trim()).ToList();
        var only = hits.Count == 1 ? hits[0] : exact.Count == 1 ? exact[0] : null;
        if (only is null) return (null, null, [.. hits.Select(h => new CheckInScreen.Candidate(h.Id, h.Name, h.WorkUnit, h.MobileTail))]);
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == only.Id && m.MovedOutOn == null);
        return (member, member is null ? NoMatch : null, null);
    }
}
