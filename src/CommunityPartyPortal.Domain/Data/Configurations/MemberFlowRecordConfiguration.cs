using CommunityPartyPortal.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class MemberFlowRecordConfiguration : IEntityTypeConfiguration<MemberFlowRecord>
{
    public void Configure(EntityTypeBuilder<MemberFlowRecord> b)
    {
        b.ToTable("MemberFlowRecords");
        b.Property(r => r.Place).HasMaxLength(200);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.Contact).HasMaxLength(100);
        b.Property(r => r.ReceivingOrganization).HasMaxLength(200);
        b.Property(r => r.Notes).HasMaxLength(500);
        b.Property(r => r.RecordedBy).HasMaxLength(50);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.MemberId, r.OccurredOn });
    }
}
