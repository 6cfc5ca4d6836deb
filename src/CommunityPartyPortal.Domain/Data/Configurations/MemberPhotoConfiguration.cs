using CommunityPartyPortal.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class MemberPhotoConfiguration : IEntityTypeConfiguration<MemberPhoto>
{
    public void Configure(EntityTypeBuilder<MemberPhoto> b)
    {
        b.ToTable("MemberPhotos");
        b.HasKey(p => p.MemberId);
        b.Property(p => p.ContentType).HasMaxLength(50);
        b.HasOne(p => p.Member).WithOne().HasForeignKey<MemberPhoto>(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
