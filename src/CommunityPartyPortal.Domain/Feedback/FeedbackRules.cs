using CommunityPartyPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using static CommunityPartyPortal.Domain.Feedback.FeedbackCardStatus;

namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>
/// The rules <c>PortalDbContext.SaveChanges</c> enforces on every feedback write, whatever the scope (the system
/// scope too), before anything is saved; a violation throws <see cref="FeedbackException"/>. The scope checks (who
/// may write which card) are separate, in <c>ScopeRules.Community</c>.
/// <list type="bullet">
/// <item>A card's cycle, member, community, unit, revision and predecessor never change, not even in a draft.</item>
/// <item>A card moves Draft → Draft/Sent, Sent → Sent/Superseded, Superseded → Superseded, nothing else.</item>
/// <item>Once a card was sent, only its status (to Superseded, with <see cref="FeedbackCard.CurrentSlot"/>) and the
/// unit's fields (<see cref="FeedbackCard.UnitFields"/>) change: figures, grade, opinion, veto, serial, revision, … never.</item>
/// <item>A sent (or superseded) card has a grade, a serial and its sending time, and a veto has its reason. A draft has
/// no serial and nothing of the unit's side.</item>
/// <item>Only drafts are deleted, and not a correction's draft (its predecessor would be left without a current card).</item>
/// <item>A cycle is valid (<see cref="FeedbackCycle.Problem"/>); a closed cycle keeps its dates, stays closed and is never deleted.</item>
/// </list>
/// </summary>
public static class FeedbackRules
{
    /// <summary>Properties any save may change whatever the state (stamped by the DbContext, derived from the status).</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        nameof(FeedbackCard.Status), nameof(FeedbackCard.CurrentSlot), nameof(EditableEntity.Version), nameof(EditableEntity.UpdatedAt),
    };

    /// <summary>What a card is about and whom it is for: fixed when the card is drafted (or corrected), whatever its status.</summary>
    private static readonly HashSet<string> Identity = new(StringComparer.Ordinal)
    {
        nameof(FeedbackCard.CycleId), nameof(FeedbackCard.MemberId), nameof(FeedbackCard.CommunityId), nameof(FeedbackCard.WorkUnitId),
        nameof(FeedbackCard.Revision), nameof(FeedbackCard.PreviousId),
    };

    /// <summary>The properties whose current value differs from the original one (compared by value, not by EF's modified flags).</summary>
    public static IReadOnlyList<string> ChangedProperties(EntityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.State != EntityState.Modified) return [];
        return entry.Properties
            .Where(p => !Equals(p.OriginalValue, p.CurrentValue))
            .Select(p => p.Metadata.Name)
            .ToList();
    }

    /// <summary>Checks an added, changed or deleted card (after <see cref="FeedbackCard.CurrentSlot"/> was derived).</summary>
    /// <exception cref="FeedbackException">The change breaks a rule.</exception>
    public static void CheckCard(EntityEntry entry, FeedbackCard card)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(card);
        var original = entry.State == EntityState.Added ? (FeedbackCardStatus?)null
            : entry.OriginalValues.GetValue<FeedbackCardStatus>(nameof(FeedbackCard.Status));
        if (entry.State == EntityState.Deleted)
        {
            if (original != Draft) throw new FeedbackException("已发送的反馈卡不能删除");
            if (entry.OriginalValues.GetValue<Guid?>(nameof(FeedbackCard.PreviousId)) is not null)
            {
                throw new FeedbackException("更正中的反馈卡不能删除，请修改后发送");
            }
            return;
        }

        if (original is { } from)
        {
            var allowed = from switch
            {
                Draft => card.Status is Draft or Sent,
                Sent => card.Status is Sent or Superseded,
                _ => card.Status == Superseded,
            };
            if (!allowed) throw new FeedbackException($"反馈卡不能从“{from.Text()}”改为“{card.Status.Text()}”");
            var moved = ChangedProperties(entry).Where(Identity.Contains).ToList();
            if (moved.Count > 0) throw new FeedbackException($"反馈卡的周期、党员、社区、单位和版本不能修改（{string.Join("、", moved)}）");
            if (from != Draft)
            {
                var frozen = ChangedProperties(entry).Where(p => !Bookkeeping.Contains(p) && !FeedbackCard.UnitFields.Contains(p)).ToList();
                if (frozen.Count > 0)
                {
                    throw new FeedbackException($"已发送的反馈卡不能修改（{string.Join("、", frozen)}），请更正为新版本");
                }
            }
        }

        CheckState(card);
    }

    private static void CheckState(FeedbackCard card)
    {
        if (!Enum.IsDefined(card.Status)) throw new FeedbackException("反馈卡状态无效");
        if (card.Revision < 1 || (card.Revision > 1) != (card.PreviousId is not null))
        {
            throw new FeedbackException("反馈卡版本无效：更正件必须指向被更正的反馈卡");
        }
        if (card.Status == Draft)
        {
            if (card.Serial is not null) throw new FeedbackException("草稿不能有编号");
            if (card.ReadAt is not null || card.AcknowledgedAt is not null || card.AcknowledgedBy is not null
                || card.Uses != FeedbackUse.None || card.UsageNote is not null)
            {
                throw new FeedbackException("单位只能签收已发送的反馈卡");
            }
            return;
        }
        if (card.Grade is null) throw new FeedbackException("发送前请先评定等次");
        if (string.IsNullOrWhiteSpace(card.Serial) || card.SentAt is null) throw new FeedbackException("已发送的反馈卡必须有编号和发送时间");
        if (card.Veto && string.IsNullOrWhiteSpace(card.VetoReason)) throw new FeedbackException("一票否决必须填写否决理由");
    }

    /// <summary>Checks an added, changed or deleted cycle.</summary>
    /// <exception cref="FeedbackException">The change breaks a rule.</exception>
    public static void CheckCycle(EntityEntry entry, FeedbackCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(cycle);
        var wasClosed = entry.State != EntityState.Added
                        && entry.OriginalValues.GetValue<FeedbackCycleStatus>(nameof(FeedbackCycle.Status)) == FeedbackCycleStatus.Closed;
        if (entry.State == EntityState.Deleted)
        {
            if (wasClosed) throw new FeedbackException("已关闭的反馈周期不能删除");
            return;
        }
        if (cycle.Problem() is { } problem) throw new FeedbackException(problem);
        if (!wasClosed) return;
        var changed = ChangedProperties(entry).Where(p => p is nameof(FeedbackCycle.Year) or nameof(FeedbackCycle.Period) or nameof(FeedbackCycle.Number)
            or nameof(FeedbackCycle.StartsOn) or nameof(FeedbackCycle.EndsOn) or nameof(FeedbackCycle.Status)).ToList();
        if (changed.Count > 0) throw new FeedbackException("已关闭的反馈周期不能重新打开或修改日期");
    }
}
