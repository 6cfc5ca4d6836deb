using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommunityPartyPortal.Domain.Data.Migrations;

/// <summary>报到: reporting years, verified unit counts, letters, reports (with the commitment card) and serial counters.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122010000_Reporting")]
public sealed class Reporting : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "ReportingYears",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                Deadline = t.Column<DateOnly>(nullable: false),
                ThresholdPercent = t.Column<int>(nullable: false),
                Preset = t.Column<string>(maxLength: 30, nullable: true),
                Notes = t.Column<string>(maxLength: 500, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_ReportingYears", x => x.Id));

        mb.CreateTable(
            name: "SerialCounters",
            columns: t => new
            {
                DocumentType = t.Column<string>(maxLength: 20, nullable: false),
                Year = t.Column<int>(nullable: false),
                Next = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SerialCounters", x => new { x.DocumentType, x.Year }));

        mb.CreateTable(
            name: "UnitVerifications",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                WorkUnitId = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                VerifiedCount = t.Column<int>(nullable: false),
                VerifiedBy = t.Column<string>(maxLength: 50, nullable: false),
                Notes = t.Column<string>(maxLength: 500, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_UnitVerifications", x => x.Id);
                t.ForeignKey("FK_UnitVerifications_Organizations_WorkUnitId", x => x.WorkUnitId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "ReportLetters",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Serial = t.Column<string>(maxLength: 30, nullable: false),
                Year = t.Column<int>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                WorkUnitId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                IssuedOn = t.Column<DateOnly>(nullable: false),
                IssuedBy = t.Column<string>(maxLength: 50, nullable: false),
                Status = t.Column<int>(nullable: false),
                ActiveSlot = t.Column<int>(nullable: true),
                CancelReason = t.Column<string>(maxLength: 200, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ReportLetters", x => x.Id);
                t.ForeignKey("FK_ReportLetters_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ReportLetters_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ReportLetters_Organizations_WorkUnitId", x => x.WorkUnitId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "CommunityReports",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                LetterId = t.Column<Guid>(nullable: true),
                ReportedOn = t.Column<DateOnly>(nullable: false),
                IsLate = t.Column<bool>(nullable: false),
                Status = t.Column<int>(nullable: false),
                ConfirmedBy = t.Column<string>(maxLength: 50, nullable: false),
                ActiveSlot = t.Column<int>(nullable: true),
                ReceiptSerial = t.Column<string>(maxLength: 30, nullable: false),
                InfoCardSerial = t.Column<string>(maxLength: 30, nullable: false),
                CommitmentSerial = t.Column<string>(maxLength: 30, nullable: false),
                ReceiptReceivedAt = t.Column<DateTime>(nullable: true),
                ReceiptReceivedBy = t.Column<string>(maxLength: 50, nullable: true),
                PostWanted = t.Column<string>(maxLength: 100, nullable: true),
                Categories = t.Column<int>(nullable: false),
                FreeTime = t.Column<string>(maxLength: 200, nullable: true),
                Promises = t.Column<string>(maxLength: 1000, nullable: true),
                WithdrawnOn = t.Column<DateOnly>(nullable: true),
                WithdrawReason = t.Column<string>(maxLength: 200, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_CommunityReports", x => x.Id);
                t.ForeignKey("FK_CommunityReports_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_CommunityReports_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_CommunityReports_ReportLetters_LetterId", x => x.LetterId, "ReportLetters", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateIndex("IX_ReportingYears_Year", "ReportingYears", "Year", unique: true);
        mb.CreateIndex("IX_UnitVerifications_WorkUnitId_Year", "UnitVerifications", ["WorkUnitId", "Year"], unique: true);
        mb.CreateIndex("IX_ReportLetters_Serial", "ReportLetters", "Serial", unique: true);
        mb.CreateIndex("IX_ReportLetters_MemberId_Year_ActiveSlot", "ReportLetters", ["MemberId", "Year", "ActiveSlot"], unique: true);
        mb.CreateIndex("IX_ReportLetters_WorkUnitId_Year", "ReportLetters", ["WorkUnitId", "Year"]);
        mb.CreateIndex("IX_ReportLetters_CommunityId_Year", "ReportLetters", ["CommunityId", "Year"]);
        mb.CreateIndex("IX_CommunityReports_MemberId_CommunityId_Year_ActiveSlot", "CommunityReports", ["MemberId", "CommunityId", "Year", "ActiveSlot"], unique: true);
        mb.CreateIndex("IX_CommunityReports_CommunityId_Year_Status", "CommunityReports", ["CommunityId", "Year", "Status"]);
        mb.CreateIndex("IX_CommunityReports_Year_Status", "CommunityReports", ["Year", "Status"]);
        mb.CreateIndex("IX_CommunityReports_ReceiptSerial", "CommunityReports", "ReceiptSerial", unique: true);
        mb.CreateIndex("IX_CommunityReports_LetterId", "CommunityReports", "LetterId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[] { "CommunityReports", "ReportLetters", "UnitVerifications", "SerialCounters", "ReportingYears" })
        {
            mb.DropTable(table);
        }
    }
}
