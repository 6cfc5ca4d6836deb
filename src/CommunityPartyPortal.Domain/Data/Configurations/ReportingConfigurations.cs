using CommunityPartyPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class ReportingYearConfiguration : IEntityTypeConfiguration<ReportingYear>
{
    public void Configure(EntityTypeBuilder<ReportingYear> b)
    {
        b.ToTable("ReportingYears");
        b.Property(y => y.Preset).HasMaxLength(30);
        b.Property(y => y.Notes).HasMaxLength(500);
        b.Property(y => y.Version).IsConcurrencyToken();
        b.HasIndex(y => y.Year).IsUnique();
    }
}

public sealed class UnitVerificationConfiguration : IEntityTypeConfiguration<UnitVerification>
{
    public void Configure(EntityTypeBuilder<UnitVerification> b)
    {
        b.ToTable("UnitVerifications");
        b.Property(v => v.VerifiedBy).HasMaxLength(50);
        b.Property(v => v.Notes).HasMaxLength(500);
        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasIndex(v => new { v.WorkUnitId, v.Year }).IsUnique();
        b.HasOne(v => v.WorkUnit).WithMany().HasForeignKey(v => v.WorkUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ReportLetterConfiguration : IEntityTypeConfiguration<ReportLetter>
{
    public void Configure(EntityTypeBuilder<ReportLetter> b)
    {
        b.ToTable("ReportLetters");
        b.Property(l => l.Serial).HasMaxLength(30);
        b.Property(l => l.IssuedBy).HasMaxLength(50);
        b.Property(l => l.CancelReason).HasMaxLength(200);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasIndex(l => l.Serial).IsUnique();
        b.HasIndex(l => new { l.MemberId, l.Year, l.ActiveSlot }).IsUnique();
        b.HasIndex(l => new { l.WorkUnitId, l.Year });
        b.HasIndex(l => new { l.CommunityId, l.Year });
        b.HasOne(l => l.Member).WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(l => l.WorkUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(l => l.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CommunityReportConfiguration : IEntityTypeConfiguration<CommunityReport>
{
    public void Configure(EntityTypeBuilder<CommunityReport> b)
    {
        b.ToTable("CommunityReports");
        b.Property(r => r.ConfirmedBy).HasMaxLength(50);
        b.Property(r => r.ReceiptSerial).HasMaxLength(30);
        b.Property(r => r.InfoCardSerial).HasMaxLength(30);
        b.Property(r => r.CommitmentSerial).HasMaxLength(30);
        b.Property(r => r.ReceiptReceivedBy).HasMaxLength(50);
        b.Property(r => r.PostWanted).HasMaxLength(100);
        b.Property(r => r.FreeTime).HasMaxLength(200);
        b.Property(r => r.Promises).HasMaxLength(1000);
        b.Property(r => r.WithdrawReason).HasMaxLength(200);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsActive);
        b.HasIndex(r => new { r.MemberId, r.CommunityId, r.Year, r.ActiveSlot }).IsUnique();
        b.HasIndex(r => new { r.CommunityId, r.Year, r.Status });
        b.HasIndex(r => new { r.Year, r.Status });
        b.HasIndex(r => r.ReceiptSerial).IsUnique();
        b.HasIndex(r => r.LetterId);
        b.HasOne(r => r.Member).WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Letter).WithMany().HasForeignKey(r => r.LetterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(r => r.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SerialCounterConfiguration : IEntityTypeConfiguration<SerialCounter>
{
    public void Configure(EntityTypeBuilder<SerialCounter> b)
    {
        b.ToTable("SerialCounters");
        b.HasKey(c => new { c.DocumentType, c.Year });
        b.Property(c => c.DocumentType).HasMaxLength(20);
    }
}
