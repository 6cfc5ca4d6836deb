using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommunityPartyPortal.Domain.Data.Migrations;

/// <summary>
/// Assessment scoring (issue 5): rubrics as data (categories and items with points, evidence keys, part weights), scoring
/// sessions with their targets and scorers, and the scores (one per target, item and part).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261129110000_Assessment")]
public sealed class Assessment : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "Rubrics",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Issuer = t.Column<string>(maxLength: 100, nullable: false),
                Year = t.Column<int>(nullable: false),
                Target = t.Column<int>(nullable: false),
                TotalPoints = t.Column<decimal>(precision: 7, scale: 2, nullable: false),
                Source = t.Column<string>(maxLength: 300, nullable: true),
                Preset = t.Column<string>(maxLength: 30, nullable: true),
                CopiedFromId = t.Column<Guid>(nullable: true),
                Status = t.Column<int>(nullable: false),
                OrganisationWeight = t.Column<int>(nullable: false),
                PeersWeight = t.Column<int>(nullable: false),
                PublicWeight = t.Column<int>(nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Rubrics", x => x.Id);
                t.ForeignKey("FK_Rubrics_Rubrics_CopiedFromId", x => x.CopiedFromId, "Rubrics", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "RubricCategories",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                RubricId = t.Column<Guid>(nullable: false),
                No = t.Column<int>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Points = t.Column<decimal>(precision: 7, scale: 2, nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_RubricCategories", x => x.Id);
                t.ForeignKey("FK_RubricCategories_Rubrics_RubricId", x => x.RubricId, "Rubrics", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "RubricItems",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                RubricId = t.Column<Guid>(nullable: false),
                CategoryId = t.Column<Guid>(nullable: false),
                No = t.Column<int>(nullable: false),
                Text = t.Column<string>(maxLength: 500, nullable: false),
                Points = t.Column<decimal>(precision: 7, scale: 2, nullable: false),
                EvidenceKey = t.Column<string>(maxLength: 30, nullable: true),
                Formula = t.Column<string>(maxLength: 300, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_RubricItems", x => x.Id);
                t.ForeignKey("FK_RubricItems_RubricCategories_CategoryId", x => x.CategoryId, "RubricCategories", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_RubricItems_Rubrics_RubricId", x => x.RubricId, "Rubrics", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "ScoringSessions",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                RubricId = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                Title = t.Column<string>(maxLength: 100, nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                Status = t.Column<int>(nullable: false),
                LockedAt = t.Column<DateTime>(nullable: true),
                LockedBy = t.Column<string>(maxLength: 50, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ScoringSessions", x => x.Id);
                t.ForeignKey("FK_ScoringSessions_Rubrics_RubricId", x => x.RubricId, "Rubrics", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ScoringSessions_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "ScoringTargets",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                SessionId = t.Column<Guid>(nullable: false),
                SessionOrganizationId = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: true),
                MemberId = t.Column<Guid>(nullable: true),
                CommunityId = t.Column<Guid>(nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ScoringTargets", x => x.Id);
                t.CheckConstraint("CK_ScoringTargets_OneTarget", "(\"OrganizationId\" IS NULL) <> (\"MemberId\" IS NULL)");
                t.ForeignKey("FK_ScoringTargets_ScoringSessions_SessionId", x => x.SessionId, "ScoringSessions", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ScoringTargets_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ScoringTargets_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ScoringTargets_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "ScoringScorers",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                SessionId = t.Column<Guid>(nullable: false),
                UserId = t.Column<Guid>(nullable: false),
                UserName = t.Column<string>(maxLength: 50, nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ScoringScorers", x => x.Id);
                t.ForeignKey("FK_ScoringScorers_ScoringSessions_SessionId", x => x.SessionId, "ScoringSessions", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "Scores",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                SessionId = t.Column<Guid>(nullable: false),
                TargetId = t.Column<Guid>(nullable: false),
                ItemId = t.Column<Guid>(nullable: false),
                Part = t.Column<int>(nullable: false),
                Points = t.Column<decimal>(precision: 7, scale: 2, nullable: false),
                Comment = t.Column<string>(maxLength: 300, nullable: true),
                ScoredBy = t.Column<string>(maxLength: 50, nullable: false),
                ScorerId = t.Column<Guid>(nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Scores", x => x.Id);
                t.ForeignKey("FK_Scores_ScoringSessions_SessionId", x => x.SessionId, "ScoringSessions", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Scores_ScoringTargets_TargetId", x => x.TargetId, "ScoringTargets", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Scores_RubricItems_ItemId", x => x.ItemId, "RubricItems", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateIndex("IX_Rubrics_Year_Target", "Rubrics", ["Year", "Target"]);
        mb.CreateIndex("IX_Rubrics_CopiedFromId", "Rubrics", "CopiedFromId");
        mb.CreateIndex("IX_RubricCategories_RubricId_No", "RubricCategories", ["RubricId", "No"], unique: true);
        mb.CreateIndex("IX_RubricItems_RubricId_No", "RubricItems", ["RubricId", "No"], unique: true);
        mb.CreateIndex("IX_RubricItems_CategoryId", "RubricItems", "CategoryId");
        mb.CreateIndex("IX_ScoringSessions_OrganizationId_Year", "ScoringSessions", ["OrganizationId", "Year"]);
        mb.CreateIndex("IX_ScoringSessions_RubricId", "ScoringSessions", "RubricId");
        mb.CreateIndex("IX_ScoringTargets_SessionId_OrganizationId", "ScoringTargets", ["SessionId", "OrganizationId"], unique: true);
        mb.CreateIndex("IX_ScoringTargets_SessionId_MemberId", "ScoringTargets", ["SessionId", "MemberId"], unique: true);
        mb.CreateIndex("IX_ScoringTargets_SessionOrganizationId", "ScoringTargets", "SessionOrganizationId");
        mb.CreateIndex("IX_ScoringTargets_CommunityId", "ScoringTargets", "CommunityId");
        mb.CreateIndex("IX_ScoringTargets_MemberId", "ScoringTargets", "MemberId");
        mb.CreateIndex("IX_ScoringTargets_OrganizationId", "ScoringTargets", "OrganizationId");
        mb.CreateIndex("IX_ScoringScorers_SessionId_UserId", "ScoringScorers", ["SessionId", "UserId"], unique: true);
        mb.CreateIndex("IX_ScoringScorers_UserId", "ScoringScorers", "UserId");
        mb.CreateIndex("IX_Scores_TargetId_ItemId_Part", "Scores", ["TargetId", "ItemId", "Part"], unique: true);
        mb.CreateIndex("IX_Scores_SessionId", "Scores", "SessionId");
        mb.CreateIndex("IX_Scores_ItemId", "Scores", "ItemId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("Scores");
        mb.DropTable("ScoringScorers");
        mb.DropTable("ScoringTargets");
        mb.DropTable("ScoringSessions");
        mb.DropTable("RubricItems");
        mb.DropTable("RubricCategories");
        mb.DropTable("Rubrics");
    }
}
