using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Service;

namespace CommunityPartyPortal.Web.Features.Wishes;

/// <summary>The moves of a 微心愿 (the route segment of each is its name in lower case).</summary>
public enum WishMove
{
    /// <summary>审核通过 and categorise: Submitted → Approved.</summary>
    Approve = 1,
    /// <summary>不予通过: Submitted → Rejected.</summary>
    Reject,
    /// <summary>发布到心愿菜单: Approved → Published.</summary>
    Publish,
    /// <summary>The secretary assigns the wish to a member: Published → Claimed.</summary>
    Assign,
    /// <summary>A member claims it from the menu: Published → Claimed.</summary>
    Claim,
    /// <summary>登记实现 (note and date): Claimed → Fulfilled.</summary>
    Fulfil,
    /// <summary>确认实现: Fulfilled → Confirmed.</summary>
    Confirm,
    /// <summary>撤回 from any open state.</summary>
    Withdraw,
    /// <summary>改派: Claimed → Claimed (another member) or → Published (nobody).</summary>
    Reassign,
    /// <summary>The claimant gives the wish back: Claimed → Published.</summary>
    Release,
}

public enum WishActor
{
    Secretary = 1,
    Member = 2,
}

/// <summary>
/// Who may move a wish from which state to which, as pure rules (the use cases only load, check and save):
/// the community secretary enters, reviews, publishes, assigns, withdraws, reassigns and confirms; a resident
/// member claims a published wish, records the fulfilment of his own claim and may release it.
/// </summary>
public static class WishWorkflow
{
    public const int MaxReason = 200;
    public const int MaxNote = 500;

    /// <summary>The states a wish can still be withdrawn from.</summary>
    public static bool IsOpen(WishStatus s) => s is WishStatus.Submitted or WishStatus.Approved or WishStatus.Published or WishStatus.Claimed;

    /// <summary>The secretary may still edit what the wish says (before anyone has claimed it).</summary>
    public static bool IsEditable(WishStatus s) => s is WishStatus.Submitted or WishStatus.Approved or WishStatus.Published;

    /// <summary>Null when <paramref name="actor"/> may make <paramref name="move"/> from <paramref name="from"/>; else why not.</summary>
    /// <param name="isClaimant">The acting member is the one who claimed the wish.</param>
    public static string? Refusal(WishMove move, WishActor actor, WishStatus from, bool isClaimant = false)
    {
        var secretaryOnly = move is WishMove.Approve or WishMove.Reject or WishMove.Publish or WishMove.Assign
            or WishMove.Confirm or WishMove.Withdraw or WishMove.Reassign;
        if (secretaryOnly && actor != WishActor.Secretary) return $"只有社区书记可以{Verb(move)}";
        if (move is WishMove.Claim or WishMove.Release && actor != WishActor.Member) return $"只有党员本人可以{Verb(move)}";
        if (actor == WishActor.Member && move is WishMove.Fulfil or WishMove.Release && !isClaimant) return "只能处理本人认领的心愿";

        var allowed = move switch
        {
            WishMove.Approve or WishMove.Reject => from == WishStatus.Submitted,
            WishMove.Publish => from == WishStatus.Approved,
            WishMove.Assign or WishMove.Claim => from == WishStatus.Published,
            WishMove.Fulfil or WishMove.Reassign or WishMove.Release => from == WishStatus.Claimed,
            WishMove.Confirm => from == WishStatus.Fulfilled,
            WishMove.Withdraw => IsOpen(from),
            _ => false,
        };
        return allowed ? null : $"该心愿{from.Text()}，不能{Verb(move)}";
    }

    public static bool IsAllowed(WishMove move, WishActor actor, WishStatus from, bool isClaimant = false) =>
        Refusal(move, actor, from, isClaimant) is null;

    /// <summary>The moves <paramref name="actor"/> may make now, in the order the page offers them.</summary>
    public static IReadOnlyList<WishMove> Allowed(WishActor actor, WishStatus from, bool isClaimant = false) =>
        [.. Enum.GetValues<WishMove>().Where(m => IsAllowed(m, actor, from, isClaimant))];

    /// <summary>Where the move leads. Reassign leads back to the menu when no new member is given.</summary>
    public static WishStatus Target(WishMove move, bool toMember = false) => move switch
    {
        WishMove.Approve => WishStatus.Approved,
        WishMove.Reject => WishStatus.Rejected,
        WishMove.Publish or WishMove.Release => WishStatus.Published,
        WishMove.Assign or WishMove.Claim => WishStatus.Claimed,
        WishMove.Reassign => toMember ? WishStatus.Claimed : WishStatus.Published,
        WishMove.Fulfil => WishStatus.Fulfilled,
        WishMove.Confirm => WishStatus.Confirmed,
        WishMove.Withdraw => WishStatus.Withdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(move)),
    };

    /// <summary>The moves that need a reason.</summary>
    public static bool NeedsReason(WishMove move) => move is WishMove.Reject or WishMove.Withdraw or WishMove.Reassign or WishMove.Release;

    /// <summary>The problem with a reason, if any (required for <see cref="NeedsReason"/> moves).</summary>
    public static string? ReasonProblem(WishMove move, string? reason)
    {
        var text = Clean(reason);
        if (text is null) return NeedsReason(move) ? $"请填写{ReasonLabel(move)}" : null;
        return text.Length > MaxReason ? $"{ReasonLabel(move)}不能超过{MaxReason}个字" : null;
    }

    /// <summary>The problems of a fulfilment: note required, date required, not in the future, not before the claim.</summary>
    public static IReadOnlyList<(string Field, string Message)> FulfilmentProblems(string? note, DateOnly? on, DateOnly today, DateOnly? claimedOn)
    {
        var problems = new List<(string, string)>();
        var text = Clean(note);
        if (text is null) problems.Add(("Note", "请填写实现情况"));
        else if (text.Length > MaxNote) problems.Add(("Note", $"实现情况不能超过{MaxNote}个字"));
        if (on is not { } date) problems.Add(("FulfilledOn", "请填写实现日期"));
        else if (date > today) problems.Add(("FulfilledOn", "实现日期不能晚于今天"));
        else if (claimedOn is { } claimed && date < claimed) problems.Add(("FulfilledOn", $"实现日期不能早于认领日期（{claimed:yyyy-MM-dd}）"));
        return problems;
    }

    public static string Verb(WishMove move) => move switch
    {
        WishMove.Approve => "审核通过",
        WishMove.Reject => "审核不通过",
        WishMove.Publish => "发布",
        WishMove.Assign => "指派认领",
        WishMove.Claim => "认领",
        WishMove.Fulfil => "登记实现",
        WishMove.Confirm => "确认实现",
        WishMove.Withdraw => "撤回",
        WishMove.Reassign => "改派",
        WishMove.Release => "放弃认领",
        _ => move.ToString(),
    };

    public static string ReasonLabel(WishMove move) => move switch
    {
        WishMove.Reject => "不通过原因",
        WishMove.Withdraw => "撤回原因",
        WishMove.Reassign => "改派原因",
        WishMove.Release => "放弃原因",
        _ => "说明",
    };

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
