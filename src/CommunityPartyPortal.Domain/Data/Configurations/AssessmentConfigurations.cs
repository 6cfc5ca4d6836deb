using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyPortal.Domain.Data.Configurations;

public sealed class RubricConfiguration : IEntityTypeConfiguration<Rubric>
{
    public void Configure(EntityTypeBuilder<Rubric> b)
    {
        b.ToTable("Rubrics");
        b.Property(r => r.Name).HasMaxLength(Rubric.NameMaxLength);
        b.Property(r => r.Issuer).HasMaxLength(100);
        b.Property(r => r.Source).HasMaxLength(300);
        b.Property(r => r.Preset).HasMaxLength(30);
        b.Property(r => r.TotalPoints).HasPrecision(7, 2);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsPublished);
        b.Ignore(r => r.Items);
        b.Ignore(r => r.Parts);
        b.HasIndex(r => new { r.Year, r.Target });
        b.HasMany(r => r.Categories).WithOne().HasForeignKey(c => c.RubricId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Rubric>().WithMany().HasForeignKey(r => r.CopiedFromId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RubricCategoryConfiguration : IEntityTypeConfiguration<RubricCategory>
{
    public void Configure(EntityTypeBuilder<RubricCategory> b)
    {
        b.ToTable("RubricCategories");
        b.Property(c => c.Name).HasMaxLength(RubricCategory.NameMaxLength);
        b.Property(c => c.Points).HasPrecision(7, 2);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.RubricId, c.No }).IsUnique();
        b.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RubricItemConfiguration : IEntityTypeConfiguration<RubricItem>
{
    public void Configure(EntityTypeBuilder<RubricItem> b)
    {
        b.ToTable("RubricItems");
        b.Property(i => i.Text).HasMaxLength(RubricItem.TextMaxLength);
        b.Property(i => i.Points).HasPrecision(7, 2);
        b.Property(i => i.EvidenceKey).HasMaxLength(30);
        b.Property(i => i.Formula).HasMaxLength(RubricItem.FormulaMaxLength);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => new { i.RubricId, i.No }).IsUnique();
        b.HasOne<Rubric>().WithMany().HasForeignKey(i => i.RubricId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ScoringSessionConfiguration : IEntityTypeConfiguration<ScoringSession>
{
    public void Configure(EntityTypeBuilder<ScoringSession> b)
    {
        b.ToTable("ScoringSessions");
        b.Property(s => s.Title).HasMaxLength(ScoringSession.TitleMaxLength);
        b.Property(s => s.LockedBy).HasMaxLength(50);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.IsLocked);
        b.HasIndex(s => new { s.OrganizationId, s.Year });
        b.HasIndex(s => s.RubricId);
        b.HasOne(s => s.Rubric).WithMany().HasForeignKey(s => s.RubricId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Targets).WithOne().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Scorers).WithOne().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ScoringTargetConfiguration : IEntityTypeConfiguration<ScoringTarget>
{
    public void Configure(EntityTypeBuilder<ScoringTarget> b)
    {
        b.ToTable("ScoringTargets", t => t.HasCheckConstraint("CK_ScoringTargets_OneTarget",
            "(\"OrganizationId\" IS NULL) <> (\"MemberId\" IS NULL)"));
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.SessionId, t.OrganizationId }).IsUnique();
        b.HasIndex(t => new { t.SessionId, t.MemberId }).IsUnique();
        b.HasIndex(t => t.SessionOrganizationId);
        b.HasIndex(t => t.CommunityId);
        b.HasIndex(t => t.MemberId);
        b.HasIndex(t => t.OrganizationId);
        b.HasOne(t => t.Member).WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ScoringScorerConfiguration : IEntityTypeConfiguration<ScoringScorer>
{
    public void Configure(EntityTypeBuilder<ScoringScorer> b)
    {
        b.ToTable("ScoringScorers");
        b.Property(s => s.UserName).HasMaxLength(50);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.SessionId, s.UserId }).IsUnique();
        b.HasIndex(s => s.UserId);
    }
}

public sealed class ScoreConfiguration : IEntityTypeConfiguration<Score>
{
    public void Configure(EntityTypeBuilder<Score> b)
    {
        b.ToTable("Scores");
        b.Property(s => s.Points).HasPrecision(7, 2);
        b.Property(s => s.Comment).HasMaxLength(Score.CommentMaxLength);
        b.Property(s => s.ScoredBy).HasMaxLength(50);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.TargetId, s.ItemId, s.Part }).IsUnique();
        b.HasIndex(s => s.SessionId);
        b.HasIndex(s => s.ItemId);
        b.HasOne<ScoringSession>().WithMany().HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ScoringTarget>().WithMany().HasForeignKey(s => s.TargetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RubricItem>().WithMany().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
