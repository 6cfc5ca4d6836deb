using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommunityPartyPortal.Domain.Data.Migrations;

/// <summary>
/// Issue 5: a feedback card keeps its requirement lines (each rule's standing at the end of the period) so the printed card
/// shows them; cards drafted before have none (they print the met/total figure only, as before).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261129130000_FeedbackRequirementLines")]
public sealed class FeedbackRequirementLines : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.AddColumn<string>(name: "RequirementLines", table: "FeedbackCards", maxLength: 4000, nullable: true);

    protected override void Down(MigrationBuilder mb) => mb.DropColumn(name: "RequirementLines", table: "FeedbackCards");
}
