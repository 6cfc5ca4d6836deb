using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Wishes;

/// <summary>
/// One move of a wish (审核, 发布, 认领, 登记实现, 确认, 撤回, 改派, 放弃): the workflow decides whether the user may
/// make it from the current state; the wish and its history row (<see cref="WishEvent"/>) are written in one
/// SaveChanges, or nothing at all.
/// </summary>
public sealed class MoveWish(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string Stale = "该心愿已被他人修改，请刷新页面后重试";

    public sealed class Form
    {
        [Display(Name = "服务类别")] public ServiceCategory? Category { get; set; }
        [Display(Name = "原因")] public string? Reason { get; set; }
        [Display(Name = "认领党员")] public Guid? MemberId { get; set; }
        [Display(Name = "实现日期")] public DateOnly? FulfilledOn { get; set; }
        [Display(Name = "实现情况")] public string? Note { get; set; }
        /// <summary>The wish's version when the page was opened.</summary>
        public Guid? Version { get; set; }
    }

    public sealed record Result(bool NotFound, IReadOnlyList<WishProblem> Problems, string? Flash = null)
    {
        public bool Ok => !NotFound && Problems.Count == 0;
    }

    public static bool TryParse(string? text, out WishMove move) =>
        Enum.TryParse(text, ignoreCase: true, out move) && Enum.IsDefined(move) && !int.TryParse(text, out _);

    /// <summary>The acting side of the signed-in user; null for roles that never move wishes (404).</summary>
    public static WishActor? ActorOf(AccessScope scope) => scope.Kind switch
    {
        ScopeKind.Community when scope.OrganizationId is not null => WishActor.Secretary,
        ScopeKind.Member when scope.MemberId is not null => WishActor.Member,
        _ => null,
    };

    public async Task<Result> HandleAsync(Guid wishId, WishMove move, Form form, string by)
    {
        if (ActorOf(db.Scope) is not { } actor) return new(true, []);
        var wish = await db.Wishes.FirstOrDefaultAsync(w => w.Id == wishId);
        if (wish is null) return new(true, []);
        var me = db.Scope.MemberId;
        if (actor == WishActor.Member && !await MayUseMenuAsync(wish)) return new(true, []);

        var problems = new List<WishProblem>();
        if (WishWorkflow.Refusal(move, actor, wish.Status, me is not null && wish.ClaimedByMemberId == me) is { } refusal)
        {
            return new(false, [new("", refusal)]);
        }
        if (form.Version != wish.Version) return new(false, [new("", Stale)]);

        var today = Clock.TodayInChina(time);
        var reason = WishWorkflow.Clean(form.Reason);
        if (WishWorkflow.ReasonProblem(move, form.Reason) is { } reasonProblem) problems.Add(new(nameof(Form.Reason), reasonProblem));
        var from = wish.Status;
        Guid? memberId = null;
        string? note = reason;

        switch (move)
        {
            case WishMove.Approve:
                if (form.Category is not { } category || category == ServiceCategory.None || !Enum.IsDefined(category))
                    problems.Add(new(nameof(Form.Category), "请选择服务类别"));
                else wish.Category = category;
                break;
            case WishMove.Publish:
                wish.PublishedOn = today;
                break;
            case WishMove.Assign or WishMove.Reassign:
                if (form.MemberId is { } chosen)
                {
                    if (await ResidentNameAsync(chosen) is not { } name) problems.Add(new(nameof(Form.MemberId), "请从本社区在册党员中选择认领人"));
                    else if (chosen == wish.ClaimedByMemberId) problems.Add(new(nameof(Form.MemberId), "请选择另一名党员，或留空退回心愿菜单"));
                    else
                    {
                        memberId = chosen;
                        note = move == WishMove.Assign ? $"指派给{name}" : $"改派给{name}：{reason}";
                    }
                }
                else if (move == WishMove.Assign) problems.Add(new(nameof(Form.MemberId), "请选择认领党员"));
                break;
            case WishMove.Claim:
                memberId = me;
                break;
            case WishMove.Fulfil:
                problems.AddRange(WishWorkflow.FulfilmentProblems(form.Note, form.FulfilledOn, today, wish.ClaimedOn).Select(p => new WishProblem(p.Field, p.Message)));
                note = WishWorkflow.Clean(form.Note);
                break;
        }
        if (problems.Count > 0) return new(false, problems);

        var to = WishWorkflow.Target(move, memberId is not null);
        wish.Status = to;
        switch (move)
        {
            case WishMove.Reject or WishMove.Withdraw or WishMove.Release:
                wish.Reason = reason;
                break;
            case WishMove.Assign or WishMove.Claim or WishMove.Reassign:
                if (move == WishMove.Reassign) wish.Reason = reason;
                wish.ClaimedByMemberId = memberId;
                wish.ClaimedOn = memberId is null ? null : today;
                break;
            case WishMove.Fulfil:
                wish.FulfilledOn = form.FulfilledOn;
                wish.FulfilmentNote = note;
                break;
            case WishMove.Confirm:
                wish.ConfirmedBy = Shorten(by, 50);
                wish.ConfirmedOn = today;
                break;
        }
        if (move == WishMove.Release)
        {
            wish.ClaimedByMemberId = null;
            wish.ClaimedOn = null;
        }

        db.WishEvents.Add(new WishEvent
        {
            WishId = wish.Id,
            CommunityId = wish.CommunityId,
            At = time.GetUtcNow().UtcDateTime,
            From = from,
            To = to,
            By = Shorten(by, 50)!,
            MemberId = memberId ?? (actor == WishActor.Member ? me : null),
            Note = Shorten(note, 200),
        });
        db.Entry(wish).Property(w => w.Version).OriginalValue = form.Version!.Value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(false, [new("", Stale)]);
        }
        return new(false, [], $"心愿 {wish.Serial} 已{WishWorkflow.Verb(move)}");
    }

    /// <summary>A member acts on the wishes of the community he lives in (the workflow decides which moves).</summary>
    private async Task<bool> MayUseMenuAsync(Wish wish)
    {
        var me = db.Scope.MemberId;
        return await db.Members.AsNoTracking().AnyAsync(m => m.Id == me && m.CommunityId == wish.CommunityId && m.MovedOutOn == null);
    }

    /// <summary>The name of a member living in the secretary's community (the scope limits the query), else null.</summary>
    private Task<string?> ResidentNameAsync(Guid memberId) =>
        db.Members.AsNoTracking().Where(m => m.Id == memberId && m.MovedOutOn == null && m.CommunityId == db.Scope.OrganizationId)
            .Select(m => m.Name).FirstOrDefaultAsync();

    private static string? Shorten(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

/// <summary>A problem with a field of a wish form ("" for the whole form).</summary>
public sealed record WishProblem(string Field, string Message);
