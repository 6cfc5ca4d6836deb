using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class ServicePostConfiguration : IEntityTypeConfiguration<ServicePost>
{
    public void Configure(EntityTypeBuilder<ServicePost> b)
    {
        b.ToTable("ServicePosts");
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Duties).HasMaxLength(500);
        b.Property(p => p.Area).HasMaxLength(200);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.CommunityId, p.Kind });
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PostClaimConfiguration : IEntityTypeConfiguration<PostClaim>
{
    public void Configure(EntityTypeBuilder<PostClaim> b)
    {
        b.ToTable("PostClaims");
        b.Property(c => c.DecidedBy).HasMaxLength(50);
        b.Property(c => c.Note).HasMaxLength(200);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsOpen);
        b.HasIndex(c => new { c.PostId, c.MemberId, c.ActiveSlot }).IsUnique();
        b.HasIndex(c => new { c.MemberId, c.Status });
        b.HasIndex(c => new { c.CommunityId, c.Status });
        b.HasOne(c => c.Post).WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Member).WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("Teams");
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Description).HasMaxLength(500);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.CommunityId, t.Kind });
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServicePost>().WithMany().HasForeignKey(t => t.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(t => t.LeaderMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TeamMembershipConfiguration : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> b)
    {
        b.ToTable("TeamMemberships");
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.TeamId, m.MemberId, m.ActiveSlot }).IsUnique();
        b.HasIndex(m => m.MemberId);
        b.HasIndex(m => m.CommunityId);
        b.HasOne(m => m.Team).WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.ToTable("Activities");
        b.Property(a => a.Title).HasMaxLength(100);
        b.Property(a => a.Place).HasMaxLength(200);
        b.Property(a => a.Organiser).HasMaxLength(50);
        b.Property(a => a.Description).HasMaxLength(1000);
        b.Property(a => a.CheckInCode).HasMaxLength(32);
        b.Property(a => a.CancelReason).HasMaxLength(200);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.LengthMinutes);
        b.HasIndex(a => new { a.CommunityId, a.StartsAt });
        b.HasIndex(a => a.StartsAt);
        b.HasIndex(a => a.CheckInCode).IsUnique();
        b.HasIndex(a => a.SeriesId);
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> b)
    {
        b.ToTable("ServiceRecords");
        b.Property(r => r.Content).HasMaxLength(200);
        b.Property(r => r.RecordedBy).HasMaxLength(50);
        b.Property(r => r.ConfirmedBy).HasMaxLength(50);
        b.Property(r => r.StatusReason).HasMaxLength(200);
        b.Property(r => r.IdempotencyKey).HasMaxLength(64);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Counts);
        b.HasIndex(r => new { r.MemberId, r.ServedOn });
        b.HasIndex(r => new { r.CommunityId, r.ServedOn });
        b.HasIndex(r => new { r.ActivityId, r.MemberId, r.ActiveSlot }).IsUnique();
        b.HasIndex(r => r.IdempotencyKey).IsUnique();
        // Covering for the dashboards' service by month (status and minutes of the year's records, grouped by month).
        b.HasIndex(r => new { r.ServedOn, r.Status, r.Minutes });
        b.HasOne(r => r.Member).WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Activity).WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceRecord>().WithMany().HasForeignKey(r => r.CorrectsId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class WishConfiguration : IEntityTypeConfiguration<Wish>
{
    public void Configure(EntityTypeBuilder<Wish> b)
    {
        b.ToTable("Wishes");
        b.Property(w => w.Serial).HasMaxLength(30);
        b.Property(w => w.Title).HasMaxLength(100);
        b.Property(w => w.Content).HasMaxLength(500);
        b.Property(w => w.ResidentName).HasMaxLength(50);
        b.Property(w => w.ResidentPhone).HasMaxLength(20);
        b.Property(w => w.Address).HasMaxLength(200);
        b.Property(w => w.FulfilmentNote).HasMaxLength(500);
        b.Property(w => w.ConfirmedBy).HasMaxLength(50);
        b.Property(w => w.Reason).HasMaxLength(200);
        b.Property(w => w.Version).IsConcurrencyToken();
        b.HasIndex(w => w.Serial).IsUnique();
        b.HasIndex(w => new { w.CommunityId, w.Status });
        b.HasIndex(w => w.ClaimedByMemberId);
        b.HasOne(w => w.ClaimedBy).WithMany().HasForeignKey(w => w.ClaimedByMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(w => w.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class WishEventConfiguration : IEntityTypeConfiguration<WishEvent>
{
    public void Configure(EntityTypeBuilder<WishEvent> b)
    {
        b.ToTable("WishEvents");
        b.Property(e => e.By).HasMaxLength(50);
        b.Property(e => e.Note).HasMaxLength(200);
        b.HasIndex(e => new { e.WishId, e.At });
        b.HasIndex(e => e.CommunityId);
        b.HasOne<Wish>().WithMany().HasForeignKey(e => e.WishId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("Households");
        b.Property(h => h.Serial).HasMaxLength(30);
        b.Property(h => h.HeadName).HasMaxLength(50);
        b.Property(h => h.NationalId).HasMaxLength(18);
        b.Property(h => h.Phone).HasMaxLength(20);
        b.Property(h => h.Address).HasMaxLength(200);
        b.Property(h => h.Situation).HasMaxLength(500);
        b.Property(h => h.Needs).HasMaxLength(500);
        b.Property(h => h.ArchiveReason).HasMaxLength(200);
        b.Property(h => h.Version).IsConcurrencyToken();
        b.HasIndex(h => h.Serial).IsUnique();
        b.HasIndex(h => new { h.CommunityId, h.Kind });
        b.HasOne<Organization>().WithMany().HasForeignKey(h => h.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(h => h.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HouseholdPairingConfiguration : IEntityTypeConfiguration<HouseholdPairing>
{
    public void Configure(EntityTypeBuilder<HouseholdPairing> b)
    {
        b.ToTable("HouseholdPairings");
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.HouseholdId, p.MemberId, p.ActiveSlot }).IsUnique();
        b.HasIndex(p => p.MemberId);
        b.HasIndex(p => p.CommunityId);
        b.HasOne(p => p.Household).WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Member).WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HouseholdVisitConfiguration : IEntityTypeConfiguration<HouseholdVisit>
{
    public void Configure(EntityTypeBuilder<HouseholdVisit> b)
    {
        b.ToTable("HouseholdVisits");
        b.Property(v => v.Content).HasMaxLength(500);
        b.Property(v => v.RecordedBy).HasMaxLength(50);
        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasIndex(v => new { v.HouseholdId, v.VisitedOn });
        b.HasIndex(v => new { v.MemberId, v.VisitedOn });
        b.HasIndex(v => new { v.CommunityId, v.VisitedOn });
        b.HasOne(v => v.Household).WithMany().HasForeignKey(v => v.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(v => v.Member).WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(v => v.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    public void Configure(EntityTypeBuilder<Suggestion> b)
    {
        b.ToTable("Suggestions");
        b.Property(s => s.Title).HasMaxLength(100);
        b.Property(s => s.Content).HasMaxLength(1000);
        b.Property(s => s.Addressee).HasMaxLength(100);
        b.Property(s => s.Answer).HasMaxLength(1000);
        b.Property(s => s.AnsweredBy).HasMaxLength(50);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.MemberId, s.SubmittedOn });
        b.HasIndex(s => new { s.CommunityId, s.Status });
        b.HasOne(s => s.Member).WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RecognitionConfiguration : IEntityTypeConfiguration<Recognition>
{
    public void Configure(EntityTypeBuilder<Recognition> b)
    {
        b.ToTable("Recognitions");
        b.Property(r => r.Title).HasMaxLength(100);
        b.Property(r => r.AwardedBy).HasMaxLength(100);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.MemberId, r.Year });
        b.HasIndex(r => new { r.CommunityId, r.Year });
        b.HasOne(r => r.Member).WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RequirementRuleConfiguration : IEntityTypeConfiguration<Service.Requirements.RequirementRule>
{
    public void Configure(EntityTypeBuilder<Service.Requirements.RequirementRule> b)
    {
        b.ToTable("RequirementRules");
        b.Property(r => r.Label).HasMaxLength(100);
        b.Property(r => r.Preset).HasMaxLength(30);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.Year, r.Kind }).IsUnique();
    }
}
