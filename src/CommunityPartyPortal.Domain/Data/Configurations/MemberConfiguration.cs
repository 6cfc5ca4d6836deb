using CommunityPartyPortal.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("Members");
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.NamePinyin).HasMaxLength(200);
        b.Property(m => m.NameInitials).HasMaxLength(50);
        b.Property(m => m.Ethnicity).HasMaxLength(20);
        b.Property(m => m.NationalId).HasMaxLength(18);
        b.Property(m => m.Mobile).HasMaxLength(11);
        b.Property(m => m.JobTitle).HasMaxLength(100);
        b.Property(m => m.Building).HasMaxLength(50);
        b.Property(m => m.Room).HasMaxLength(50);
        b.Property(m => m.Address).HasMaxLength(200);
        b.Property(m => m.Specialties).HasMaxLength(500);
        b.Property(m => m.FreeTime).HasMaxLength(200);
        b.Property(m => m.MovedOutTo).HasMaxLength(200);
        b.Property(m => m.MoveOutReason).HasMaxLength(500);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Ignore(m => m.IsActive);

        b.HasIndex(m => m.NationalId).IsUnique();
        b.HasIndex(m => new { m.CommunityId, m.Name });
        b.HasIndex(m => new { m.StreetId, m.Name });
        b.HasIndex(m => new { m.WorkUnitId, m.Name });
        b.HasIndex(m => m.GridId);
        b.HasIndex(m => m.Name);
        b.HasIndex(m => m.Mobile);
        b.HasIndex(m => new { m.CommunityId, m.NameInitials });

        b.HasOne(m => m.WorkUnit).WithMany().HasForeignKey(m => m.WorkUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Community).WithMany().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Grid).WithMany().HasForeignKey(m => m.GridId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(m => m.StreetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.FlowRecords).WithOne(r => r.Member).HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
