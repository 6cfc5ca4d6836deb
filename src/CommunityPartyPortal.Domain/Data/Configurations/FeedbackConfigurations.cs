using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class FeedbackCycleConfiguration : IEntityTypeConfiguration<FeedbackCycle>
{
    public void Configure(EntityTypeBuilder<FeedbackCycle> b)
    {
        b.ToTable("FeedbackCycles");
        b.Property(c => c.Label).HasMaxLength(30);
        b.Property(c => c.ClosedBy).HasMaxLength(50);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsClosed);
        b.HasIndex(c => new { c.Year, c.Period, c.Number }).IsUnique();
    }
}

public sealed class FeedbackCardConfiguration : IEntityTypeConfiguration<FeedbackCard>
{
    public void Configure(EntityTypeBuilder<FeedbackCard> b)
    {
        b.ToTable("FeedbackCards");
        b.Property(c => c.Opinion).HasMaxLength(FeedbackCard.OpinionMaxLength);
        b.Property(c => c.RequirementLines).HasMaxLength(FeedbackRequirementLines.MaxLength);
        b.Property(c => c.VetoReason).HasMaxLength(FeedbackCard.VetoReasonMaxLength);
        b.Property(c => c.ReviewedBy).HasMaxLength(50);
        b.Property(c => c.Serial).HasMaxLength(30);
        b.Property(c => c.SentBy).HasMaxLength(50);
        b.Property(c => c.AcknowledgedBy).HasMaxLength(50);
        b.Property(c => c.UsageNote).HasMaxLength(FeedbackCard.UsageNoteMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsSent);
        b.Ignore(c => c.IsRead);
        b.Ignore(c => c.IsAcknowledged);
        // One current card (draft or sent) per member and cycle; superseded revisions have a null slot.
        b.HasIndex(c => new { c.CycleId, c.MemberId, c.CurrentSlot }).IsUnique();
        b.HasIndex(c => new { c.CommunityId, c.CycleId, c.Status });
        b.HasIndex(c => new { c.WorkUnitId, c.CycleId, c.Status });
        b.HasIndex(c => new { c.MemberId, c.CycleId });
        b.HasIndex(c => c.Serial).IsUnique();
        // A card is corrected at most once (the correction supersedes it).
        b.HasIndex(c => c.PreviousId).IsUnique();
        b.HasOne(c => c.Cycle).WithMany().HasForeignKey(c => c.CycleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Member).WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.WorkUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FeedbackCard>().WithOne().HasForeignKey<FeedbackCard>(c => c.PreviousId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PublicityConfiguration : IEntityTypeConfiguration<Publicity>
{
    public void Configure(EntityTypeBuilder<Publicity> b)
    {
        b.ToTable("Publicities");
        b.Property(p => p.Title).HasMaxLength(100);
        b.Property(p => p.Kind).HasMaxLength(30);
        b.Property(p => p.Note).HasMaxLength(500);
        b.Property(p => p.CreatedBy).HasMaxLength(50);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.WorkUnitId, p.Year });
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.WorkUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PublicityEntryConfiguration : IEntityTypeConfiguration<PublicityEntry>
{
    public void Configure(EntityTypeBuilder<PublicityEntry> b)
    {
        b.ToTable("PublicityEntries");
        b.Property(e => e.Honour).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.PublicityId, e.MemberId }).IsUnique();
        b.HasIndex(e => e.MemberId);
        b.HasIndex(e => e.CommunityId);
        b.HasIndex(e => e.WorkUnitId);
        b.HasOne(e => e.Publicity).WithMany().HasForeignKey(e => e.PublicityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Member).WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.WorkUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
