using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommunityPartyPortal.Domain.Data.Migrations;

/// <summary>
/// Serving the community: posts and claims, teams, activities, service records, annual requirement
/// rules, micro-wishes, households with pairings and visits, suggestions, recognitions; the members'
/// pinyin for search.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261129000000_Service")]
public sealed class Service : Migration
{
    private static readonly string[] Tables =
    [
        "ServicePosts", "PostClaims", "Teams", "TeamMemberships", "Activities", "ServiceRecords", "Wishes", "WishEvents",
        "Households", "HouseholdPairings", "HouseholdVisits", "Suggestions", "Recognitions", "RequirementRules",
    ];

    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("NamePinyin", "Members", maxLength: 200, nullable: true);
        mb.AddColumn<string>("NameInitials", "Members", maxLength: 50, nullable: true);
        mb.CreateIndex("IX_Members_CommunityId_NameInitials", "Members", ["CommunityId", "NameInitials"]);

        mb.CreateTable(
            name: "ServicePosts",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                Kind = t.Column<int>(nullable: false),
                Category = t.Column<int>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Duties = t.Column<string>(maxLength: 500, nullable: true),
                Area = t.Column<string>(maxLength: 200, nullable: true),
                Capacity = t.Column<int>(nullable: true),
                IsClosed = t.Column<bool>(nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ServicePosts", x => x.Id);
                t.ForeignKey("FK_ServicePosts_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "PostClaims",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                PostId = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                Status = t.Column<int>(nullable: false),
                RequestedOn = t.Column<DateOnly>(nullable: false),
                ApprovedOn = t.Column<DateOnly>(nullable: true),
                DecidedBy = t.Column<string>(maxLength: 50, nullable: true),
                ReleasedOn = t.Column<DateOnly>(nullable: true),
                Note = t.Column<string>(maxLength: 200, nullable: true),
                ActiveSlot = t.Column<int>(nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_PostClaims", x => x.Id);
                t.ForeignKey("FK_PostClaims_ServicePosts_PostId", x => x.PostId, "ServicePosts", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_PostClaims_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_PostClaims_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "Teams",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                Kind = t.Column<int>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Category = t.Column<int>(nullable: false),
                PostId = t.Column<Guid>(nullable: true),
                LeaderMemberId = t.Column<Guid>(nullable: true),
                Description = t.Column<string>(maxLength: 500, nullable: true),
                IsDissolved = t.Column<bool>(nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Teams", x => x.Id);
                t.ForeignKey("FK_Teams_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Teams_ServicePosts_PostId", x => x.PostId, "ServicePosts", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Teams_Members_LeaderMemberId", x => x.LeaderMemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "TeamMemberships",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                TeamId = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                JoinedOn = t.Column<DateOnly>(nullable: false),
                LeftOn = t.Column<DateOnly>(nullable: true),
                ActiveSlot = t.Column<int>(nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_TeamMemberships", x => x.Id);
                t.ForeignKey("FK_TeamMemberships_Teams_TeamId", x => x.TeamId, "Teams", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_TeamMemberships_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_TeamMemberships_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "Activities",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                Title = t.Column<string>(maxLength: 100, nullable: false),
                Kind = t.Column<int>(nullable: false),
                Category = t.Column<int>(nullable: false),
                IsPublicWelfare = t.Column<bool>(nullable: false),
                Place = t.Column<string>(maxLength: 200, nullable: true),
                StartsAt = t.Column<DateTime>(nullable: false),
                EndsAt = t.Column<DateTime>(nullable: false),
                Organiser = t.Column<string>(maxLength: 50, nullable: true),
                Capacity = t.Column<int>(nullable: true),
                DefaultMinutes = t.Column<int>(nullable: false),
                Description = t.Column<string>(maxLength: 1000, nullable: true),
                SeriesId = t.Column<Guid>(nullable: true),
                CheckInCode = t.Column<string>(maxLength: 32, nullable: false),
                IsCancelled = t.Column<bool>(nullable: false),
                CancelReason = t.Column<string>(maxLength: 200, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Activities", x => x.Id);
                t.ForeignKey("FK_Activities_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "ServiceRecords",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                ActivityId = t.Column<Guid>(nullable: true),
                ServedOn = t.Column<DateOnly>(nullable: false),
                Content = t.Column<string>(maxLength: 200, nullable: false),
                Category = t.Column<int>(nullable: false),
                IsPublicWelfare = t.Column<bool>(nullable: false),
                Minutes = t.Column<int>(nullable: false),
                Source = t.Column<int>(nullable: false),
                Status = t.Column<int>(nullable: false),
                RecordedBy = t.Column<string>(maxLength: 50, nullable: false),
                ConfirmedBy = t.Column<string>(maxLength: 50, nullable: true),
                ConfirmedAt = t.Column<DateTime>(nullable: true),
                StatusReason = t.Column<string>(maxLength: 200, nullable: true),
                CorrectsId = t.Column<Guid>(nullable: true),
                IdempotencyKey = t.Column<string>(maxLength: 64, nullable: true),
                ActiveSlot = t.Column<int>(nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ServiceRecords", x => x.Id);
                t.ForeignKey("FK_ServiceRecords_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ServiceRecords_Activities_ActivityId", x => x.ActivityId, "Activities", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ServiceRecords_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_ServiceRecords_ServiceRecords_CorrectsId", x => x.CorrectsId, "ServiceRecords", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "Wishes",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                Serial = t.Column<string>(maxLength: 30, nullable: false),
                Title = t.Column<string>(maxLength: 100, nullable: false),
                Content = t.Column<string>(maxLength: 500, nullable: true),
                ResidentName = t.Column<string>(maxLength: 50, nullable: false),
                ResidentPhone = t.Column<string>(maxLength: 20, nullable: true),
                Address = t.Column<string>(maxLength: 200, nullable: true),
                Source = t.Column<int>(nullable: false),
                Category = t.Column<int>(nullable: false),
                Status = t.Column<int>(nullable: false),
                SubmittedOn = t.Column<DateOnly>(nullable: false),
                PublishedOn = t.Column<DateOnly>(nullable: true),
                ClaimedByMemberId = t.Column<Guid>(nullable: true),
                ClaimedOn = t.Column<DateOnly>(nullable: true),
                FulfilledOn = t.Column<DateOnly>(nullable: true),
                FulfilmentNote = t.Column<string>(maxLength: 500, nullable: true),
                ConfirmedBy = t.Column<string>(maxLength: 50, nullable: true),
                ConfirmedOn = t.Column<DateOnly>(nullable: true),
                Reason = t.Column<string>(maxLength: 200, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Wishes", x => x.Id);
                t.ForeignKey("FK_Wishes_Members_ClaimedByMemberId", x => x.ClaimedByMemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Wishes_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "WishEvents",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                WishId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                At = t.Column<DateTime>(nullable: false),
                From = t.Column<int>(nullable: false),
                To = t.Column<int>(nullable: false),
                By = t.Column<string>(maxLength: 50, nullable: false),
                MemberId = t.Column<Guid>(nullable: true),
                Note = t.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_WishEvents", x => x.Id);
                t.ForeignKey("FK_WishEvents_Wishes_WishId", x => x.WishId, "Wishes", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_WishEvents_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "Households",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                GridId = t.Column<Guid>(nullable: true),
                Serial = t.Column<string>(maxLength: 30, nullable: false),
                Kind = t.Column<int>(nullable: false),
                HeadName = t.Column<string>(maxLength: 50, nullable: false),
                Gender = t.Column<int>(nullable: true),
                BirthYear = t.Column<int>(nullable: true),
                NationalId = t.Column<string>(maxLength: 18, nullable: true),
                Phone = t.Column<string>(maxLength: 20, nullable: true),
                Address = t.Column<string>(maxLength: 200, nullable: false),
                Situation = t.Column<string>(maxLength: 500, nullable: true),
                Needs = t.Column<string>(maxLength: 500, nullable: true),
                IsArchived = t.Column<bool>(nullable: false),
                ArchiveReason = t.Column<string>(maxLength: 200, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Households", x => x.Id);
                t.ForeignKey("FK_Households_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Households_Organizations_GridId", x => x.GridId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "HouseholdPairings",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                HouseholdId = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                PairedOn = t.Column<DateOnly>(nullable: false),
                EndedOn = t.Column<DateOnly>(nullable: true),
                ActiveSlot = t.Column<int>(nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_HouseholdPairings", x => x.Id);
                t.ForeignKey("FK_HouseholdPairings_Households_HouseholdId", x => x.HouseholdId, "Households", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_HouseholdPairings_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_HouseholdPairings_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "HouseholdVisits",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                HouseholdId = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                VisitedOn = t.Column<DateOnly>(nullable: false),
                Help = t.Column<int>(nullable: false),
                Content = t.Column<string>(maxLength: 500, nullable: false),
                RecordedBy = t.Column<string>(maxLength: 50, nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_HouseholdVisits", x => x.Id);
                t.ForeignKey("FK_HouseholdVisits_Households_HouseholdId", x => x.HouseholdId, "Households", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_HouseholdVisits_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_HouseholdVisits_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "Suggestions",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                SubmittedOn = t.Column<DateOnly>(nullable: false),
                Title = t.Column<string>(maxLength: 100, nullable: false),
                Content = t.Column<string>(maxLength: 1000, nullable: false),
                Addressee = t.Column<string>(maxLength: 100, nullable: true),
                Status = t.Column<int>(nullable: false),
                Answer = t.Column<string>(maxLength: 1000, nullable: true),
                AnsweredOn = t.Column<DateOnly>(nullable: true),
                AnsweredBy = t.Column<string>(maxLength: 50, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Suggestions", x => x.Id);
                t.ForeignKey("FK_Suggestions_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Suggestions_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "Recognitions",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                CommunityId = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                Title = t.Column<string>(maxLength: 100, nullable: false),
                AwardedOn = t.Column<DateOnly>(nullable: false),
                AwardedBy = t.Column<string>(maxLength: 100, nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Recognitions", x => x.Id);
                t.ForeignKey("FK_Recognitions_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Recognitions_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "RequirementRules",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                Kind = t.Column<int>(nullable: false),
                Minimum = t.Column<int>(nullable: false),
                AlternativeMinimum = t.Column<int>(nullable: true),
                Ordinal = t.Column<int>(nullable: false),
                Label = t.Column<string>(maxLength: 100, nullable: false),
                Preset = t.Column<string>(maxLength: 30, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_RequirementRules", x => x.Id));

        mb.CreateIndex("IX_ServicePosts_CommunityId_Kind", "ServicePosts", ["CommunityId", "Kind"]);
        mb.CreateIndex("IX_PostClaims_PostId_MemberId_ActiveSlot", "PostClaims", ["PostId", "MemberId", "ActiveSlot"], unique: true);
        mb.CreateIndex("IX_PostClaims_MemberId_Status", "PostClaims", ["MemberId", "Status"]);
        mb.CreateIndex("IX_PostClaims_CommunityId_Status", "PostClaims", ["CommunityId", "Status"]);
        mb.CreateIndex("IX_Teams_CommunityId_Kind", "Teams", ["CommunityId", "Kind"]);
        mb.CreateIndex("IX_Teams_PostId", "Teams", "PostId");
        mb.CreateIndex("IX_Teams_LeaderMemberId", "Teams", "LeaderMemberId");
        mb.CreateIndex("IX_TeamMemberships_TeamId_MemberId_ActiveSlot", "TeamMemberships", ["TeamId", "MemberId", "ActiveSlot"], unique: true);
        mb.CreateIndex("IX_TeamMemberships_MemberId", "TeamMemberships", "MemberId");
        mb.CreateIndex("IX_TeamMemberships_CommunityId", "TeamMemberships", "CommunityId");
        mb.CreateIndex("IX_Activities_CommunityId_StartsAt", "Activities", ["CommunityId", "StartsAt"]);
        mb.CreateIndex("IX_Activities_StartsAt", "Activities", "StartsAt");
        mb.CreateIndex("IX_Activities_CheckInCode", "Activities", "CheckInCode", unique: true);
        mb.CreateIndex("IX_Activities_SeriesId", "Activities", "SeriesId");
        mb.CreateIndex("IX_ServiceRecords_MemberId_ServedOn", "ServiceRecords", ["MemberId", "ServedOn"]);
        mb.CreateIndex("IX_ServiceRecords_CommunityId_ServedOn", "ServiceRecords", ["CommunityId", "ServedOn"]);
        mb.CreateIndex("IX_ServiceRecords_ActivityId_MemberId_ActiveSlot", "ServiceRecords", ["ActivityId", "MemberId", "ActiveSlot"], unique: true);
        mb.CreateIndex("IX_ServiceRecords_IdempotencyKey", "ServiceRecords", "IdempotencyKey", unique: true);
        mb.CreateIndex("IX_ServiceRecords_ServedOn", "ServiceRecords", "ServedOn");
        mb.CreateIndex("IX_ServiceRecords_CorrectsId", "ServiceRecords", "CorrectsId");
        mb.CreateIndex("IX_Wishes_Serial", "Wishes", "Serial", unique: true);
        mb.CreateIndex("IX_Wishes_CommunityId_Status", "Wishes", ["CommunityId", "Status"]);
        mb.CreateIndex("IX_Wishes_ClaimedByMemberId", "Wishes", "ClaimedByMemberId");
        mb.CreateIndex("IX_WishEvents_WishId_At", "WishEvents", ["WishId", "At"]);
        mb.CreateIndex("IX_WishEvents_CommunityId", "WishEvents", "CommunityId");
        mb.CreateIndex("IX_Households_Serial", "Households", "Serial", unique: true);
        mb.CreateIndex("IX_Households_CommunityId_Kind", "Households", ["CommunityId", "Kind"]);
        mb.CreateIndex("IX_Households_GridId", "Households", "GridId");
        mb.CreateIndex("IX_HouseholdPairings_HouseholdId_MemberId_ActiveSlot", "HouseholdPairings", ["HouseholdId", "MemberId", "ActiveSlot"], unique: true);
        mb.CreateIndex("IX_HouseholdPairings_MemberId", "HouseholdPairings", "MemberId");
        mb.CreateIndex("IX_HouseholdPairings_CommunityId", "HouseholdPairings", "CommunityId");
        mb.CreateIndex("IX_HouseholdVisits_HouseholdId_VisitedOn", "HouseholdVisits", ["HouseholdId", "VisitedOn"]);
        mb.CreateIndex("IX_HouseholdVisits_MemberId_VisitedOn", "HouseholdVisits", ["MemberId", "VisitedOn"]);
        mb.CreateIndex("IX_HouseholdVisits_CommunityId_VisitedOn", "HouseholdVisits", ["CommunityId", "VisitedOn"]);
        mb.CreateIndex("IX_Suggestions_MemberId_SubmittedOn", "Suggestions", ["MemberId", "SubmittedOn"]);
        mb.CreateIndex("IX_Suggestions_CommunityId_Status", "Suggestions", ["CommunityId", "Status"]);
        mb.CreateIndex("IX_Recognitions_MemberId_Year", "Recognitions", ["MemberId", "Year"]);
        mb.CreateIndex("IX_Recognitions_CommunityId_Year", "Recognitions", ["CommunityId", "Year"]);
        mb.CreateIndex("IX_RequirementRules_Year_Kind", "RequirementRules", ["Year", "Kind"], unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in Tables.Reverse())
        {
            mb.DropTable(table);
        }
        mb.DropIndex("IX_Members_CommunityId_NameInitials", "Members");
        mb.DropColumn("NameInitials", "Members");
        mb.DropColumn("NamePinyin", "Members");
    }
}
