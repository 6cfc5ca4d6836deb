using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Assessment;

/// <summary>
/// A small known county for the assessment domain tests, in a fresh database of the provider per test: two streets, three
/// communities (A1 and A2 in street A, B in street B) and a unit. Members and service data are added by each test.
/// </summary>
public abstract class AssessmentDomainTests(DatabaseProvider provider) : IAsyncLifetime
{
    protected const int Year = 2025;

    protected DatabaseProvider Provider { get; } = provider;
    protected string ConnectionString { get; private set; } = "";

    protected Organization County { get; } = Org("示范县", "C", OrgKind.County);
    protected Organization StreetA { get; } = Org("城关街道", "S01", OrgKind.Street);
    protected Organization StreetB { get; } = Org("东关街道", "S02", OrgKind.Street);
    protected Organization CommunityA1 { get; private set; } = null!;
    protected Organization CommunityA2 { get; private set; } = null!;
    protected Organization CommunityB { get; private set; } = null!;
    protected Organization Unit { get; } = Org("县教育局", "U01", OrgKind.WorkUnit);

    /// <summary>The user ids of the street admins of A and B and of the secretary of A1 (scorers are user ids).</summary>
    protected Guid StreetAUser { get; } = Guid.NewGuid();
    protected Guid StreetBUser { get; } = Guid.NewGuid();
    protected Guid SecretaryA1User { get; } = Guid.NewGuid();

    protected static DateOnly D(int month, int day) => new(Year, month, day);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabases.NewMigratedAsync(Provider, "assessment");
        StreetA.ParentId = StreetB.ParentId = Unit.ParentId = County.Id;
        CommunityA1 = Org("东风社区", "S01-C01", OrgKind.Community, StreetA);
        CommunityA2 = Org("西街社区", "S01-C02", OrgKind.Community, StreetA);
        CommunityB = Org("南关社区", "S02-C01", OrgKind.Community, StreetB);
        await using var db = System();
        db.Organizations.AddRange(County, StreetA, StreetB, CommunityA1, CommunityA2, CommunityB, Unit);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected PortalDbContext System() => TestDatabases.Context(Provider, ConnectionString);

    protected PortalDbContext As(AccessScope scope) =>
        new(PortalDatabase.Options(Provider, ConnectionString), new FixedScopeAccessor(scope), TimeProvider.System);

    protected static AccessScope CountyScope => new() { Kind = ScopeKind.County, UserId = Guid.NewGuid(), UserName = "county", Role = PortalRole.CountyAdmin };

    protected AccessScope Street(Organization street) => new()
    {
        Kind = ScopeKind.Street, OrganizationId = street.Id, Role = PortalRole.StreetAdmin,
        UserId = street == StreetA ? StreetAUser : StreetBUser, UserName = street == StreetA ? "streetA" : "streetB",
        CommunityIds = street == StreetA ? [CommunityA1.Id, CommunityA2.Id] : [CommunityB.Id],
    };

    protected AccessScope Secretary(Organization community) => new()
    {
        Kind = ScopeKind.Community, OrganizationId = community.Id, Role = PortalRole.CommunitySecretary,
        UserId = community == CommunityA1 ? SecretaryA1User : Guid.NewGuid(), UserName = "secretary",
    };

    protected AccessScope UnitAdmin => new() { Kind = ScopeKind.Unit, OrganizationId = Unit.Id, UnitIds = [Unit.Id], Role = PortalRole.UnitAdmin, UserId = Guid.NewGuid(), UserName = "unit" };

    protected static Organization Org(string name, string code, OrgKind kind, Organization? parent = null) =>
        new() { Name = name, Code = code, Kind = kind, ParentId = parent?.Id };

    protected Member NewMember(string name, Organization community, MemberCategory category, DateOnly? movedOutOn = null)
    {
        var id = TestMembers.NewNationalId();
        return new Member
        {
            Name = name, NationalId = id, Mobile = TestMembers.NewMobile(), Gender = NationalId.IsMale(id) == true ? Gender.Male : Gender.Female,
            BirthDate = NationalId.BirthDate(id)!.Value, Education = Education.Bachelor, JoinedPartyOn = new DateOnly(2005, 7, 1),
            Status = MembershipStatus.Full, Category = category, WorkUnitId = category == MemberCategory.InService ? Unit.Id : null,
            CommunityId = community.Id, StreetId = community.ParentId, MovedOutOn = movedOutOn, MovedOutTo = movedOutOn is null ? null : "外地",
        };
    }
}
