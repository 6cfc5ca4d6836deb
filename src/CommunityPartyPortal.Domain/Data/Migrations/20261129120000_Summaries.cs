using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommunityPartyPortal.Domain.Data.Migrations;

/// <summary>
/// County summary tables (issue 6): the 报送 of a year's figures by a unit, street or community, with its history
/// (withdrawn submissions stay, one current per organisation and year).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261129120000_Summaries")]
public sealed class Summaries : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "SummarySubmissions",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                Status = t.Column<int>(nullable: false),
                ActiveSlot = t.Column<int>(nullable: true),
                SubmittedAt = t.Column<DateTime>(nullable: false),
                SubmittedBy = t.Column<string>(maxLength: 50, nullable: false),
                Note = t.Column<string>(maxLength: 500, nullable: true),
                IsLate = t.Column<bool>(nullable: false),
                WithdrawnAt = t.Column<DateTime>(nullable: true),
                WithdrawnBy = t.Column<string>(maxLength: 50, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_SummarySubmissions", x => x.Id);
                t.ForeignKey("FK_SummarySubmissions_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateIndex("IX_SummarySubmissions_OrganizationId_Year_ActiveSlot", "SummarySubmissions", ["OrganizationId", "Year", "ActiveSlot"], unique: true);
        mb.CreateIndex("IX_SummarySubmissions_Year_Status", "SummarySubmissions", ["Year", "Status"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("SummarySubmissions");
    }
}
