using CommunityPartyPortal.Domain.Identity;

namespace CommunityPartyPortal.Domain.Scoping;

/// <summary>What the current user may see and change. One value per request; the DbContext enforces it.</summary>
public enum ScopeKind
{
    /// <summary>Nobody signed in: no tenant data at all.</summary>
    Anonymous = 0,
    /// <summary>The portal itself (start-up, seeding, commands): everything.</summary>
    System = 1,
    County = 2,
    Street = 3,
    Community = 4,
    Unit = 5,
    Member = 6,
}

/// <summary>The organisation subtree of the signed-in user (双重管理 scoping).</summary>
public sealed record AccessScope
{
    public ScopeKind Kind { get; init; }
    public Guid? UserId { get; init; }
    public string UserName { get; init; } = "";
    public PortalRole? Role { get; init; }
    /// <summary>The node the account is bound to (street, community or work unit).</summary>
    public Guid? OrganizationId { get; init; }
    /// <summary>For a unit admin: the unit and every unit below it.</summary>
    public IReadOnlyList<Guid> UnitIds { get; init; } = [];
    /// <summary>For a street admin: the communities of the street.</summary>
    public IReadOnlyList<Guid> CommunityIds { get; init; } = [];
    /// <summary>For a member account: the member.</summary>
    public Guid? MemberId { get; init; }
    public bool CanViewPersonalData { get; init; }

    public bool SeesEverything => Kind is ScopeKind.System or ScopeKind.County;

    public static AccessScope System(string who = "system") => new() { Kind = ScopeKind.System, UserName = who, CanViewPersonalData = true };
    public static readonly AccessScope Anonymous = new() { Kind = ScopeKind.Anonymous, UserName = "anonymous" };
}

/// <summary>Supplies the scope of the current unit of work (an HTTP request, a command).</summary>
public interface IAccessScopeAccessor
{
    AccessScope Current { get; }
}

/// <summary>A fixed scope, for commands, seeding and tests.</summary>
public sealed class FixedScopeAccessor(AccessScope scope) : IAccessScopeAccessor
{
    public AccessScope Current { get; } = scope;
    public static readonly FixedScopeAccessor System = new(AccessScope.System());
}

/// <summary>Thrown when a write touches a record outside the user's scope; nothing is written.</summary>
public sealed class ScopeViolationException(string message) : Exception(message);
