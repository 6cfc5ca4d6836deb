using System.Linq.Expressions;
using System.Reflection;
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
        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).Where(typeof(ICommunityOwned).IsAssignableFrom).ToList())
        {
            ApplyCommunityFilterMethod.MakeGenericMethod(type).Invoke(this, [builder, kind, member]);
        }
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
