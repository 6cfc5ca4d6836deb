using CommunityPartyPortal.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("Organizations");
        b.Property(o => o.Name).HasMaxLength(100);
        b.Property(o => o.Code).HasMaxLength(30);
        b.Property(o => o.Address).HasMaxLength(200);
        b.Property(o => o.ContactPerson).HasMaxLength(50);
        b.Property(o => o.ContactPhone).HasMaxLength(30);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => o.Code).IsUnique();
        b.HasIndex(o => new { o.ParentId, o.SortOrder });
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
