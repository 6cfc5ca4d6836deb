using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class SummarySubmissionConfiguration : IEntityTypeConfiguration<SummarySubmission>
{
    public void Configure(EntityTypeBuilder<SummarySubmission> b)
    {
        b.ToTable("SummarySubmissions");
        b.Property(s => s.SubmittedBy).HasMaxLength(50);
        b.Property(s => s.WithdrawnBy).HasMaxLength(50);
        b.Property(s => s.Note).HasMaxLength(SummarySubmission.NoteMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.IsActive);
        // One current submission per organisation and year; withdrawn ones have a null slot.
        b.HasIndex(s => new { s.OrganizationId, s.Year, s.ActiveSlot }).IsUnique();
        b.HasIndex(s => new { s.Year, s.Status });
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
