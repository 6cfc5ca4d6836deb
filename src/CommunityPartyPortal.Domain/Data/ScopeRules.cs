using System.Linq.Expressions;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Data;

/// <summary>
/// The single scoping mechanism (双重管理). A member is visible to: the county (all), a street admin
/// (members living in its communities), a community secretary (members living in its community), a
/// unit admin (members of its unit and the units below it), and the member (self). Records that
/// belong to a member (photo, flow registrations, …) follow the member. The same predicate limits
/// queries (global query filter) and writes (checked before anything is saved).
/// </summary>
public partial class PortalDbContext
{
    private ScopeKind? modelScopeKind;

    /// <summary>
    /// The scope kind the EF model of this context instance is built for: one model per kind, cached by
    /// EF. Fixed at the context's first use; a later change of scope kind is a bug and throws.
    /// </summary>
    internal ScopeKind ModelScopeKind => modelScopeKind ??= ModelKindOf(scopeAccessor.Current.Kind);

    private static ScopeKind ModelKindOf(ScopeKind kind) => kind == ScopeKind.System ? ScopeKind.County : kind;

    /// <summary>Which members the current scope sees, or null for all of them.</summary>
    private Expression<Func<Member, bool>>? MemberPredicate(ScopeKind kind) => kind switch
    {
        ScopeKind.County or ScopeKind.System => null,
        ScopeKind.Street => m => m.StreetId == ScopeOrganizationId,
        ScopeKind.Community => m => m.CommunityId == ScopeOrganizationId,
        ScopeKind.Unit => m => m.WorkUnitId != null && ScopeUnitIds.Contains(m.WorkUnitId.Value),
        ScopeKind.Member => m => m.Id == ScopeMemberId,
        _ => m => false,
    };

    private void ApplyScopeFilters(ModelBuilder builder)
    {
        var kind = ModelScopeKind;
        if (MemberPredicate(kind) is not { } member) return;
        builder.Entity<Member>().HasQueryFilter(member);
        builder.Entity<MemberPhoto>().HasQueryFilter(Through<MemberPhoto>(p => p.Member!, member));
        builder.Entity<MemberFlowRecord>().HasQueryFilter(Through<MemberFlowRecord>(r => r.Member!, member));

        // 报到: a community sees the letters addressed to it and the reports made to it; a unit the
        // letters it issued and its members' reports; a street its residents'; a member its own.
        builder.Entity<ReportLetter>().HasQueryFilter(kind switch
        {
            ScopeKind.Community => l => l.CommunityId == ScopeOrganizationId,
            ScopeKind.Unit => l => ScopeUnitIds.Contains(l.WorkUnitId),
            _ => Through<ReportLetter>(l => l.Member!, member),
        });
        builder.Entity<CommunityReport>().HasQueryFilter(kind switch
        {
            ScopeKind.Community => r => r.CommunityId == ScopeOrganizationId,
            _ => Through<CommunityReport>(r => r.Member!, member),
        });
        builder.Entity<UnitVerification>().HasQueryFilter(kind switch
        {
            ScopeKind.Unit => v => ScopeUnitIds.Contains(v.WorkUnitId),
            _ => v => false,
        });
        ApplyCommunityFilters(builder, kind, member);
        ApplySummaryFilters(builder, kind);
    }

    /// <summary>
    /// The write rule of the 报到 records, the same as their read filter: the owning member must be
    /// visible, and a community writes only into itself, a unit only for its own units.
    /// </summary>
    private bool MayWrite(object entity, Guid memberId) => Scope.Kind switch
    {
        ScopeKind.System or ScopeKind.County => true,
        ScopeKind.Community => entity switch
        {
            ReportLetter l => l.CommunityId == ScopeOrganizationId,
            CommunityReport r => r.CommunityId == ScopeOrganizationId && MemberVisible(memberId),
            _ => MemberVisible(memberId),
        },
        ScopeKind.Unit => entity switch
        {
            ReportLetter l => ScopeUnitIds.Contains(l.WorkUnitId) && MemberVisible(memberId),
            UnitVerification v => ScopeUnitIds.Contains(v.WorkUnitId),
            _ => MemberVisible(memberId),
        },
        _ => entity is not UnitVerification && MemberVisible(memberId),
    };

    /// <summary>
    /// The member is in scope: one added or loaded in this context is judged in memory, any other by an indexed
    /// existence query under the scope's own query filter (the same predicate, without loading the row).
    /// </summary>
    private bool MemberVisible(Guid memberId)
    {
        if (Scope.SeesEverything) return true;
        var local = Members.Local.FirstOrDefault(m => m.Id == memberId);
        if (local is not null) return InScope(local);
        memberVisible ??= [];
        if (memberVisible.TryGetValue(memberId, out var known)) return known;
        return memberVisible[memberId] = Members.AsNoTracking().Any(m => m.Id == memberId);
    }

    private Dictionary<Guid, bool>? memberVisible;

    /// <summary>r => predicate(r.Member): the member's predicate applied through a navigation.</summary>
    private static Expression<Func<T, bool>> Through<T>(Expression<Func<T, Member>> navigation, Expression<Func<Member, bool>> predicate)
    {
        var body = new ReplaceParameter(predicate.Parameters[0], navigation.Body).Visit(predicate.Body);
        return Expression.Lambda<Func<T, bool>>(body, navigation.Parameters);
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>True when the current scope may see (and so change) this member's record.</summary>
    public bool InScope(Member member) => Scope.Kind switch
    {
        // Exactly MemberPredicate, evaluated without compiling an expression per context (it cost 7% of a check-in's CPU).
        ScopeKind.County or ScopeKind.System => true,
        ScopeKind.Street => member.StreetId == ScopeOrganizationId,
        ScopeKind.Community => member.CommunityId == ScopeOrganizationId,
        ScopeKind.Unit => member.WorkUnitId is { } unit && ScopeUnitIds.Contains(unit),
        ScopeKind.Member => member.Id == ScopeMemberId,
        _ => false,
    };
}
