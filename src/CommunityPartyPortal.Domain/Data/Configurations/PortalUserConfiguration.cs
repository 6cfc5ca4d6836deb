using CommunityPartyPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.HasIndex(u => u.OrganizationId);
        b.HasIndex(u => u.MemberId).IsUnique();
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(u => u.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
