using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommunityPartyPortal.Domain.Data.Migrations;

/// <summary>
/// Feedback to the units (issue 5): the county's feedback cycles, the 在职党员现实表现评议情况反馈卡 with their
/// revisions (one current card per member and cycle), and the units' publicity lists (公示) with their entries.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261129100000_Feedback")]
public sealed class Feedback : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "FeedbackCycles",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                Period = t.Column<int>(nullable: false),
                Number = t.Column<int>(nullable: false),
                StartsOn = t.Column<DateOnly>(nullable: false),
                EndsOn = t.Column<DateOnly>(nullable: false),
                Label = t.Column<string>(maxLength: 30, nullable: false),
                Status = t.Column<int>(nullable: false),
                ClosedAt = t.Column<DateTime>(nullable: true),
                ClosedBy = t.Column<string>(maxLength: 50, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_FeedbackCycles", x => x.Id));

        mb.CreateTable(
            name: "FeedbackCards",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CycleId = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                WorkUnitId = t.Column<Guid>(nullable: false),
                Revision = t.Column<int>(nullable: false),
                PreviousId = t.Column<Guid>(nullable: true),
                Status = t.Column<int>(nullable: false),
                CurrentSlot = t.Column<int>(nullable: true),
                Services = t.Column<int>(nullable: false),
                Days = t.Column<int>(nullable: false),
                Minutes = t.Column<int>(nullable: false),
                PostsClaimed = t.Column<int>(nullable: false),
                WishesFulfilled = t.Column<int>(nullable: false),
                HouseholdsPaired = t.Column<int>(nullable: false),
                HouseholdVisits = t.Column<int>(nullable: false),
                Suggestions = t.Column<int>(nullable: false),
                RequirementsMet = t.Column<int>(nullable: false),
                RequirementsTotal = t.Column<int>(nullable: false),
                Grade = t.Column<int>(nullable: true),
                Opinion = t.Column<string>(maxLength: 500, nullable: true),
                Veto = t.Column<bool>(nullable: false),
                VetoReason = t.Column<string>(maxLength: 300, nullable: true),
                ReviewedBy = t.Column<string>(maxLength: 50, nullable: true),
                ReviewedAt = t.Column<DateTime>(nullable: true),
                Serial = t.Column<string>(maxLength: 30, nullable: true),
                SentAt = t.Column<DateTime>(nullable: true),
                SentBy = t.Column<string>(maxLength: 50, nullable: true),
                ReadAt = t.Column<DateTime>(nullable: true),
                AcknowledgedAt = t.Column<DateTime>(nullable: true),
                AcknowledgedBy = t.Column<string>(maxLength: 50, nullable: true),
                Uses = t.Column<int>(nullable: false),
                UsageNote = t.Column<string>(maxLength: 300, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_FeedbackCards", x => x.Id);
                t.ForeignKey("FK_FeedbackCards_FeedbackCycles_CycleId", x => x.CycleId, "FeedbackCycles", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_FeedbackCards_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_FeedbackCards_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_FeedbackCards_Organizations_WorkUnitId", x => x.WorkUnitId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_FeedbackCards_FeedbackCards_PreviousId", x => x.PreviousId, "FeedbackCards", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "Publicities",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                WorkUnitId = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                Title = t.Column<string>(maxLength: 100, nullable: false),
                Kind = t.Column<string>(maxLength: 30, nullable: false),
                StartsOn = t.Column<DateOnly>(nullable: false),
                EndsOn = t.Column<DateOnly>(nullable: false),
                Note = t.Column<string>(maxLength: 500, nullable: true),
                CreatedBy = t.Column<string>(maxLength: 50, nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Publicities", x => x.Id);
                t.ForeignKey("FK_Publicities_Organizations_WorkUnitId", x => x.WorkUnitId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "PublicityEntries",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PublicityId = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                WorkUnitId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: true),
                Honour = t.Column<string>(maxLength: 100, nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PublicityEntries", x => x.Id);
                t.ForeignKey("FK_PublicityEntries_Publicities_PublicityId", x => x.PublicityId, "Publicities", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_PublicityEntries_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_PublicityEntries_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_PublicityEntries_Organizations_WorkUnitId", x => x.WorkUnitId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateIndex("IX_FeedbackCycles_Year_Period_Number", "FeedbackCycles", ["Year", "Period", "Number"], unique: true);
        mb.CreateIndex("IX_FeedbackCards_CycleId_MemberId_CurrentSlot", "FeedbackCards", ["CycleId", "MemberId", "CurrentSlot"], unique: true);
        mb.CreateIndex("IX_FeedbackCards_CommunityId_CycleId_Status", "FeedbackCards", ["CommunityId", "CycleId", "Status"]);
        mb.CreateIndex("IX_FeedbackCards_WorkUnitId_CycleId_Status", "FeedbackCards", ["WorkUnitId", "CycleId", "Status"]);
        mb.CreateIndex("IX_FeedbackCards_MemberId_CycleId", "FeedbackCards", ["MemberId", "CycleId"]);
        mb.CreateIndex("IX_FeedbackCards_Serial", "FeedbackCards", "Serial", unique: true);
        mb.CreateIndex("IX_FeedbackCards_PreviousId", "FeedbackCards", "PreviousId", unique: true);
        mb.CreateIndex("IX_Publicities_WorkUnitId_Year", "Publicities", ["WorkUnitId", "Year"]);
        mb.CreateIndex("IX_PublicityEntries_PublicityId_MemberId", "PublicityEntries", ["PublicityId", "MemberId"], unique: true);
        mb.CreateIndex("IX_PublicityEntries_MemberId", "PublicityEntries", "MemberId");
        mb.CreateIndex("IX_PublicityEntries_CommunityId", "PublicityEntries", "CommunityId");
        mb.CreateIndex("IX_PublicityEntries_WorkUnitId", "PublicityEntries", "WorkUnitId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("PublicityEntries");
        mb.DropTable("Publicities");
        mb.DropTable("FeedbackCards");
        mb.DropTable("FeedbackCycles");
    }
}
