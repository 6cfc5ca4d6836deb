using CommunityPartyPortal.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.TargetType).HasMaxLength(64);
        b.Property(a => a.TargetId).HasMaxLength(100);
        b.Property(a => a.Detail).HasMaxLength(1000);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.HasIndex(a => a.OccurredAt);
        b.HasIndex(a => new { a.UserId, a.OccurredAt });
        b.HasIndex(a => new { a.TargetType, a.TargetId });
    }
}
