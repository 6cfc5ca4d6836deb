using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Service;

/// <summary>
/// A record kept by a community (posts, activities, wishes, households, and the members' service there).
/// The DbContext scopes every such type the same way: the county sees all, a street its communities,
/// a community its own; see <c>ScopeRules</c>.
/// </summary>
public interface ICommunityOwned
{
    Guid CommunityId { get; }
}

/// <summary>
/// A community record about one member (a service record, a claim, a pairing, a suggestion): the
/// member's unit sees it through the member, the member sees his or her own.
/// </summary>
public interface IMemberOwned : ICommunityOwned
{
    Guid MemberId { get; }
    Member? Member { get; }
}

/// <summary>A community record that the community's resident members may read (activities, posts, the wish menu).</summary>
public interface IVisibleToMembers : ICommunityOwned;

/// <summary>A community record a member may change (claiming a wish); the use case enforces which changes.</summary>
public interface IWritableByMembers : IVisibleToMembers;
