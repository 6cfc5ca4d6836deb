using CommunityPartyPortal.Domain.Auditing;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Data;

/// <summary>
/// The one DbContext of the portal, Identity included. Every query of tenant data is limited to the
/// current <see cref="AccessScope"/> by global query filters (a model per scope kind), and every write
/// is checked against the same predicates in <see cref="SaveChanges(bool)"/>; see <see cref="ScopeRules"/>.
/// </summary>
public partial class PortalDbContext : IdentityUserContext<PortalUser, Guid>
{
    private readonly IAccessScopeAccessor scopeAccessor;

    public PortalDbContext(DbContextOptions<PortalDbContext> options, IAccessScopeAccessor scopeAccessor, TimeProvider time)
        : base(options)
    {
        this.scopeAccessor = scopeAccessor;
        Time = time;
    }

    /// <summary>A context with the system scope (sees and writes everything): for commands, seeding and tests.</summary>
    public PortalDbContext(DbContextOptions<PortalDbContext> options)
        : this(options, FixedScopeAccessor.System, TimeProvider.System)
    {
    }

    public TimeProvider Time { get; }

    public override void Dispose()
    {
        base.Dispose();
        SqliteWriteGate.ReleaseHeldBy(this);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteWriteGate.ReleaseHeldBy(this);
    }

    public AccessScope Scope
    {
        get
        {
            var scope = scopeAccessor.Current;
            if (modelScopeKind is { } built && built != ModelKindOf(scope.Kind))
            {
                throw new InvalidOperationException($"The access scope changed from {built} to {scope.Kind} after this DbContext was first used.");
            }
            return scope;
        }
    }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberPhoto> MemberPhotos => Set<MemberPhoto>();
    public DbSet<MemberFlowRecord> MemberFlowRecords => Set<MemberFlowRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ReportingYear> ReportingYears => Set<ReportingYear>();
    public DbSet<UnitVerification> UnitVerifications => Set<UnitVerification>();
    public DbSet<ReportLetter> ReportLetters => Set<ReportLetter>();
    public DbSet<CommunityReport> CommunityReports => Set<CommunityReport>();
    public DbSet<SerialCounter> SerialCounters => Set<SerialCounter>();
    public DbSet<ServicePost> ServicePosts => Set<ServicePost>();
    public DbSet<PostClaim> PostClaims => Set<PostClaim>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ServiceRecord> ServiceRecords => Set<ServiceRecord>();
    public DbSet<Wish> Wishes => Set<Wish>();
    public DbSet<WishEvent> WishEvents => Set<WishEvent>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<HouseholdPairing> HouseholdPairings => Set<HouseholdPairing>();
    public DbSet<HouseholdVisit> HouseholdVisits => Set<HouseholdVisit>();
    public DbSet<Suggestion> Suggestions => Set<Suggestion>();
    public DbSet<Recognition> Recognitions => Set<Recognition>();
    public DbSet<RequirementRule> RequirementRules => Set<RequirementRule>();
    public DbSet<Feedback.FeedbackCycle> FeedbackCycles => Set<Feedback.FeedbackCycle>();
    public DbSet<Feedback.FeedbackCard> FeedbackCards => Set<Feedback.FeedbackCard>();
    public DbSet<Feedback.Publicity> Publicities => Set<Feedback.Publicity>();
    public DbSet<Feedback.PublicityEntry> PublicityEntries => Set<Feedback.PublicityEntry>();
    public DbSet<Assessment.Rubric> Rubrics => Set<Assessment.Rubric>();
    public DbSet<Assessment.RubricCategory> RubricCategories => Set<Assessment.RubricCategory>();
    public DbSet<Assessment.RubricItem> RubricItems => Set<Assessment.RubricItem>();
    public DbSet<Assessment.ScoringSession> ScoringSessions => Set<Assessment.ScoringSession>();
    public DbSet<Assessment.ScoringTarget> ScoringTargets => Set<Assessment.ScoringTarget>();
    public DbSet<Assessment.ScoringScorer> ScoringScorers => Set<Assessment.ScoringScorer>();
    public DbSet<Assessment.Score> Scores => Set<Assessment.Score>();
    public DbSet<Summaries.SummarySubmission> SummarySubmissions => Set<Summaries.SummarySubmission>();

    // Scope values read by the query filters; EF turns these into parameters of every query.
    internal Guid? ScopeOrganizationId => Scope.OrganizationId;
    internal List<Guid> ScopeUnitIds => scopeUnitIds ??= [.. Scope.UnitIds];
    private List<Guid>? scopeUnitIds;
    internal List<Guid> ScopeCommunityIds => scopeCommunityIds ??= [.. Scope.CommunityIds];
    private List<Guid>? scopeCommunityIds;
    internal Guid? ScopeMemberId => Scope.MemberId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        ApplyScopeFilters(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their numbers on every provider.
        configurationBuilder.Properties<Enum>().HaveConversion<int>();
    }
}
