using System.Linq.Expressions;
using System.Reflection;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CommunityPartyPortal.Domain.Data;

/// <summary>
/// Scoping of the community's records (<see cref="ICommunityOwned"/>), one rule for every such type so a
/// new record type is scoped by implementing the interface:
/// <list type="bullet">
/// <item>county: all; street: its communities; community: its own (reads and writes);</item>
/// <item>unit: the records about its members (<see cref="IMemberOwned"/>), read only;</item>
/// <item>member: own records, and the community's public ones (<see cref="IVisibleToMembers"/>) where the member lives;
/// writes only to own records and <see cref="IWritableByMembers"/> ones there.</item>
/// </list>
/// </summary>
public partial class PortalDbContext
{
    private static readonly MethodInfo ApplyCommunityFilterMethod =
        typeof(PortalDbContext).GetMethod(nameof(ApplyCommunityFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private void ApplyCommunityFilters(ModelBuilder builder, ScopeKind kind, Expression<Func<Member, bool>> member)
    {
        // Feedback cards are community records with a rule of their own (ApplyFeedbackFilters).
        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType)
                     .Where(t => typeof(ICommunityOwned).IsAssignableFrom(t) && t != typeof(FeedbackCard)).ToList())
        {
            ApplyCommunityFilterMethod.MakeGenericMethod(type).Invoke(this, [builder, kind, member]);
        }
        ApplyFeedbackFilters(builder, kind);
        ApplyAssessmentFilters(builder, kind);
    }

    /// <summary>
    /// 反馈卡: county all; street its communities' cards; community its own (every status); unit the sent (and superseded)
    /// cards addressed to its units, never drafts; member own sent cards. 公示: the unit its own; a community, street or
    /// member the entries about its residents (or self) and the header of a publicity that has such an entry.
    /// </summary>
    private void ApplyFeedbackFilters(ModelBuilder builder, ScopeKind kind)
    {
        builder.Entity<FeedbackCard>().HasQueryFilter(kind switch
        {
            ScopeKind.Street => c => ScopeCommunityIds.Contains(c.CommunityId),
            ScopeKind.Community => c => c.CommunityId == ScopeOrganizationId,
            ScopeKind.Unit => c => c.Status != FeedbackCardStatus.Draft && ScopeUnitIds.Contains(c.WorkUnitId),
            ScopeKind.Member => c => c.Status != FeedbackCardStatus.Draft && c.MemberId == ScopeMemberId,
            _ => c => false,
        });
        builder.Entity<PublicityEntry>().HasQueryFilter(kind switch
        {
            ScopeKind.Street => e => e.CommunityId != null && ScopeCommunityIds.Contains(e.CommunityId.Value),
            ScopeKind.Community => e => e.CommunityId == ScopeOrganizationId,
            ScopeKind.Unit => e => ScopeUnitIds.Contains(e.WorkUnitId),
            ScopeKind.Member => e => e.MemberId == ScopeMemberId,
            _ => e => false,
        });
        builder.Entity<Publicity>().HasQueryFilter(kind switch
        {
            ScopeKind.Unit => p => ScopeUnitIds.Contains(p.WorkUnitId),
            ScopeKind.Street => p => PublicityEntries.Any(e => e.PublicityId == p.Id && e.CommunityId != null && ScopeCommunityIds.Contains(e.CommunityId.Value)),
            ScopeKind.Community => p => PublicityEntries.Any(e => e.PublicityId == p.Id && e.CommunityId == ScopeOrganizationId),
            ScopeKind.Member => p => PublicityEntries.Any(e => e.PublicityId == p.Id && e.MemberId == ScopeMemberId),
            _ => p => false,
        });
    }

    private void ApplyCommunityFilter<T>(ModelBuilder builder, ScopeKind kind, Expression<Func<Member, bool>> member)
        where T : class, ICommunityOwned
    {
        var memberOwned = typeof(IMemberOwned).IsAssignableFrom(typeof(T));
        var filter = kind switch
        {
            ScopeKind.Street => For<T, ICommunityOwned>(x => ScopeCommunityIds.Contains(x.CommunityId)),
            ScopeKind.Community => For<T, ICommunityOwned>(x => x.CommunityId == ScopeOrganizationId),
            ScopeKind.Unit when memberOwned => Through(For<T, IMemberOwned, Member>(x => x.Member!), member),
            ScopeKind.Member when memberOwned => For<T, IMemberOwned>(x => x.MemberId == ScopeMemberId),
            ScopeKind.Member when typeof(IVisibleToMembers).IsAssignableFrom(typeof(T)) =>
                For<T, ICommunityOwned>(x => Members.Any(m => m.Id == ScopeMemberId && m.CommunityId == x.CommunityId)),
            _ => For<T, ICommunityOwned>(x => false),
        };
        builder.Entity<T>().HasQueryFilter(filter);
    }

    /// <summary>The write rule of community records: the same as their read rule, without the street and unit.</summary>
    private void CheckCommunityWrite(EntityEntry entry, ICommunityOwned record)
    {
        if (Scope.SeesEverything) return;
        var ok = MayWriteCommunityRecord(record)
                 && (entry.State == EntityState.Added || MayWriteCommunityRecord((ICommunityOwned)entry.OriginalValues.ToObject()));
        if (!ok) throw new ScopeViolationException("该记录不在您的管理范围内");
    }

    private bool MayWriteCommunityRecord(ICommunityOwned record) => Scope.Kind switch
    {
        ScopeKind.Community => record.CommunityId == ScopeOrganizationId
                               && (record is not IMemberOwned owned || MemberVisible(owned.MemberId)),
        ScopeKind.Member => record switch
        {
            IMemberOwned owned => owned.MemberId == ScopeMemberId && MemberLivesIn(record.CommunityId),
            IWritableByMembers => MemberLivesIn(record.CommunityId),
            _ => false,
        },
        _ => false,
    };

    /// <summary>
    /// The write rule of feedback cards. Community: its own cards, the community's fields only (never the unit's), and it
    /// adds a card only as the correction of one of its cards (drafting is the county's). Unit: changes only the unit's
    /// fields of a sent or superseded card addressed to its units; adds and deletes nothing. Street, member: nothing.
    /// </summary>
    private void CheckFeedbackCardWrite(EntityEntry entry, FeedbackCard card)
    {
        if (Scope.SeesEverything) return;
        var original = entry.State == EntityState.Added ? null : (FeedbackCard)entry.OriginalValues.ToObject();
        var changed = FeedbackRules.ChangedProperties(entry);
        var ok = Scope.Kind switch
        {
            ScopeKind.Community => card.CommunityId == ScopeOrganizationId
                                   && (original is null ? MayAddCorrection(card) : original.CommunityId == ScopeOrganizationId)
                                   && !changed.Any(FeedbackCard.UnitFields.Contains),
            ScopeKind.Unit => entry.State == EntityState.Modified && original!.IsSent && ScopeUnitIds.Contains(original.WorkUnitId)
                              && changed.All(p => FeedbackCard.UnitFields.Contains(p) || p is nameof(FeedbackCard.Version) or nameof(FeedbackCard.UpdatedAt)),
            _ => false,
        };
        if (!ok) throw new ScopeViolationException("该反馈卡不在您的管理范围内");
    }

    /// <summary>A new card of the community is the next revision of a card of the same member, cycle, community and unit, with nothing of the unit's side.</summary>
    private bool MayAddCorrection(FeedbackCard card)
    {
        if (card.PreviousId is not { } previousId || card.ReadAt is not null || card.AcknowledgedAt is not null || card.AcknowledgedBy is not null
            || card.Uses != FeedbackUse.None || card.UsageNote is not null)
        {
            return false;
        }
        var previous = FeedbackCards.Local.FirstOrDefault(p => p.Id == previousId) ?? FeedbackCards.AsNoTracking().FirstOrDefault(p => p.Id == previousId);
        return previous is not null && previous.MemberId == card.MemberId && previous.CycleId == card.CycleId
               && previous.CommunityId == card.CommunityId && previous.WorkUnitId == card.WorkUnitId && previous.Revision + 1 == card.Revision;
    }

    /// <summary>A publicity is valid and written by its unit (or the county).</summary>
    private void CheckPublicityWrite(EntityEntry entry, Publicity publicity)
    {
        if (entry.State != EntityState.Deleted && publicity.Problem() is { } problem) throw new FeedbackException(problem);
        if (Scope.SeesEverything) return;
        var ok = Scope.Kind == ScopeKind.Unit && ScopeUnitIds.Contains(publicity.WorkUnitId)
                 && (entry.State == EntityState.Added || ScopeUnitIds.Contains(entry.OriginalValues.GetValue<Guid>(nameof(Publicity.WorkUnitId))));
        if (!ok) throw new ScopeViolationException("该公示不在您的管理范围内");
    }

    /// <summary>
    /// Keeps an entry's unit (from its publicity, on every write) and community (from the member, when the entry is added
    /// or moved to another member), then checks it like its publicity: the unit writes entries of its own publicities about
    /// its own members.
    /// </summary>
    private void KeepPublicityEntry(EntityEntry entry, PublicityEntry publicityEntry)
    {
        if (entry.State != EntityState.Deleted)
        {
            var publicity = Publicities.Local.FirstOrDefault(p => p.Id == publicityEntry.PublicityId)
                            ?? Publicities.AsNoTracking().FirstOrDefault(p => p.Id == publicityEntry.PublicityId)
                            ?? throw new ScopeViolationException("该公示不在您的管理范围内");
            publicityEntry.WorkUnitId = publicity.WorkUnitId;
            if (entry.State == EntityState.Added || !Equals(entry.OriginalValues[nameof(PublicityEntry.MemberId)], publicityEntry.MemberId))
            {
                var member = Members.Local.FirstOrDefault(m => m.Id == publicityEntry.MemberId)
                             ?? Members.AsNoTracking().FirstOrDefault(m => m.Id == publicityEntry.MemberId)
                             ?? throw new ScopeViolationException("该党员不在您的管理范围内");
                publicityEntry.CommunityId = member.CommunityId;
            }
        }
        if (Scope.SeesEverything) return;
        var ok = Scope.Kind == ScopeKind.Unit && ScopeUnitIds.Contains(publicityEntry.WorkUnitId) && MemberVisible(publicityEntry.MemberId)
                 && (entry.State == EntityState.Added || ScopeUnitIds.Contains(entry.OriginalValues.GetValue<Guid>(nameof(PublicityEntry.WorkUnitId))));
        if (!ok) throw new ScopeViolationException("该公示不在您的管理范围内");
    }

    private bool MemberLivesIn(Guid communityId)
    {
        var id = ScopeMemberId;
        var self = Members.Local.FirstOrDefault(m => m.Id == id) ?? Members.AsNoTracking().FirstOrDefault(m => m.Id == id);
        return self is not null && self.CommunityId == communityId;
    }

    /// <summary>A predicate written against an interface, rebound to the entity type's own properties for EF.</summary>
    private static Expression<Func<T, bool>> For<T, TInterface>(Expression<Func<TInterface, bool>> predicate) =>
        For<T, TInterface, bool>(predicate);

    private static Expression<Func<T, TResult>> For<T, TInterface, TResult>(Expression<Func<TInterface, TResult>> lambda)
    {
        var parameter = Expression.Parameter(typeof(T), "x");
        var body = new RebindInterface(lambda.Parameters[0], parameter).Visit(lambda.Body);
        return Expression.Lambda<Func<T, TResult>>(body, parameter);
    }

    private sealed class RebindInterface(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == from ? Expression.Property(to, node.Member.Name) : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
