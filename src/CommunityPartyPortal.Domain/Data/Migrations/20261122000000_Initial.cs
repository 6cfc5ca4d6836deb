using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace CommunityPartyPortal.Domain.Data.Migrations;

/// <summary>
/// The first schema: organisations, members (with photo and flow registrations), Identity accounts and
/// the audit trail. Hand-written and provider-neutral (no store types): SQLite and PostgreSQL each map
/// the CLR types; a test compares the result with the EF model on both.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "AuditEntries",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OccurredAt = t.Column<DateTime>(nullable: false),
                UserId = t.Column<Guid>(nullable: true),
                UserName = t.Column<string>(maxLength: 256, nullable: false),
                OrganizationId = t.Column<Guid>(nullable: true),
                Action = t.Column<string>(maxLength: 64, nullable: false),
                TargetType = t.Column<string>(maxLength: 64, nullable: true),
                TargetId = t.Column<string>(maxLength: 100, nullable: true),
                Success = t.Column<bool>(nullable: false),
                Detail = t.Column<string>(maxLength: 1000, nullable: true),
                IpAddress = t.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Id));

        mb.CreateTable(
            name: "Organizations",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Kind = t.Column<int>(nullable: false),
                ParentId = t.Column<Guid>(nullable: true),
                Code = t.Column<string>(maxLength: 30, nullable: false),
                SortOrder = t.Column<int>(nullable: false),
                Address = t.Column<string>(maxLength: 200, nullable: true),
                ContactPerson = t.Column<string>(maxLength: 50, nullable: true),
                ContactPhone = t.Column<string>(maxLength: 30, nullable: true),
                IsActive = t.Column<bool>(nullable: false),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Organizations", x => x.Id);
                t.ForeignKey("FK_Organizations_Organizations_ParentId", x => x.ParentId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "Members",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 50, nullable: false),
                Gender = t.Column<int>(nullable: false),
                BirthDate = t.Column<DateOnly>(nullable: false),
                Ethnicity = t.Column<string>(maxLength: 20, nullable: false),
                Education = t.Column<int>(nullable: false),
                JoinedPartyOn = t.Column<DateOnly>(nullable: false),
                Status = t.Column<int>(nullable: false),
                Category = t.Column<int>(nullable: false),
                NationalId = t.Column<string>(maxLength: 18, nullable: false),
                Mobile = t.Column<string>(maxLength: 11, nullable: false),
                WorkUnitId = t.Column<Guid>(nullable: true),
                JobTitle = t.Column<string>(maxLength: 100, nullable: true),
                CommunityId = t.Column<Guid>(nullable: true),
                StreetId = t.Column<Guid>(nullable: true),
                GridId = t.Column<Guid>(nullable: true),
                Building = t.Column<string>(maxLength: 50, nullable: true),
                Room = t.Column<string>(maxLength: 50, nullable: true),
                Address = t.Column<string>(maxLength: 200, nullable: true),
                Specialties = t.Column<string>(maxLength: 500, nullable: true),
                ServiceIntentions = t.Column<int>(nullable: false),
                FreeTime = t.Column<string>(maxLength: 200, nullable: true),
                HasPhoto = t.Column<bool>(nullable: false),
                MovedOutOn = t.Column<DateOnly>(nullable: true),
                MovedOutTo = t.Column<string>(maxLength: 200, nullable: true),
                MoveOutReason = t.Column<string>(maxLength: 500, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Members", x => x.Id);
                t.ForeignKey("FK_Members_Organizations_CommunityId", x => x.CommunityId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Members_Organizations_GridId", x => x.GridId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Members_Organizations_StreetId", x => x.StreetId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Members_Organizations_WorkUnitId", x => x.WorkUnitId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "AspNetUsers",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                DisplayName = t.Column<string>(maxLength: 50, nullable: false),
                Role = t.Column<int>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: true),
                CanViewPersonalData = t.Column<bool>(nullable: false),
                IsDisabled = t.Column<bool>(nullable: false),
                MustChangePassword = t.Column<bool>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                LastSignInAt = t.Column<DateTime>(nullable: true),
                UserName = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
                Email = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = t.Column<bool>(nullable: false),
                PasswordHash = t.Column<string>(nullable: true),
                SecurityStamp = t.Column<string>(nullable: true),
                ConcurrencyStamp = t.Column<string>(nullable: true),
                PhoneNumber = t.Column<string>(nullable: true),
                PhoneNumberConfirmed = t.Column<bool>(nullable: false),
                TwoFactorEnabled = t.Column<bool>(nullable: false),
                LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = t.Column<bool>(nullable: false),
                AccessFailedCount = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUsers", x => x.Id);
                t.ForeignKey("FK_AspNetUsers_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_AspNetUsers_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
            });

        mb.CreateTable(
            name: "MemberFlowRecords",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                MemberId = t.Column<Guid>(nullable: false),
                Direction = t.Column<int>(nullable: false),
                OccurredOn = t.Column<DateOnly>(nullable: false),
                Place = t.Column<string>(maxLength: 200, nullable: false),
                Reason = t.Column<string>(maxLength: 500, nullable: false),
                Contact = t.Column<string>(maxLength: 100, nullable: false),
                ReceivingOrganization = t.Column<string>(maxLength: 200, nullable: false),
                EndedOn = t.Column<DateOnly>(nullable: true),
                Notes = t.Column<string>(maxLength: 500, nullable: true),
                RecordedBy = t.Column<string>(maxLength: 50, nullable: true),
                Version = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_MemberFlowRecords", x => x.Id);
                t.ForeignKey("FK_MemberFlowRecords_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "MemberPhotos",
            columns: t => new
            {
                MemberId = t.Column<Guid>(nullable: false),
                ContentType = t.Column<string>(maxLength: 50, nullable: false),
                Content = t.Column<byte[]>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_MemberPhotos", x => x.MemberId);
                t.ForeignKey("FK_MemberPhotos_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "AspNetUserClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = t.Column<Guid>(nullable: false),
                ClaimType = t.Column<string>(nullable: true),
                ClaimValue = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "AspNetUserLogins",
            columns: t => new
            {
                LoginProvider = t.Column<string>(nullable: false),
                ProviderKey = t.Column<string>(nullable: false),
                ProviderDisplayName = t.Column<string>(nullable: true),
                UserId = t.Column<Guid>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "AspNetUserTokens",
            columns: t => new
            {
                UserId = t.Column<Guid>(nullable: false),
                LoginProvider = t.Column<string>(nullable: false),
                Name = t.Column<string>(nullable: false),
                Value = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        mb.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        mb.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        mb.CreateIndex("IX_AspNetUsers_MemberId", "AspNetUsers", "MemberId", unique: true);
        mb.CreateIndex("IX_AspNetUsers_OrganizationId", "AspNetUsers", "OrganizationId");
        mb.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        mb.CreateIndex("IX_AuditEntries_OccurredAt", "AuditEntries", "OccurredAt");
        mb.CreateIndex("IX_AuditEntries_TargetType_TargetId", "AuditEntries", ["TargetType", "TargetId"]);
        mb.CreateIndex("IX_AuditEntries_UserId_OccurredAt", "AuditEntries", ["UserId", "OccurredAt"]);
        mb.CreateIndex("IX_MemberFlowRecords_MemberId_OccurredOn", "MemberFlowRecords", ["MemberId", "OccurredOn"]);
        mb.CreateIndex("IX_Members_CommunityId_Name", "Members", ["CommunityId", "Name"]);
        mb.CreateIndex("IX_Members_GridId", "Members", "GridId");
        mb.CreateIndex("IX_Members_Mobile", "Members", "Mobile");
        mb.CreateIndex("IX_Members_Name", "Members", "Name");
        mb.CreateIndex("IX_Members_NationalId", "Members", "NationalId", unique: true);
        mb.CreateIndex("IX_Members_StreetId_Name", "Members", ["StreetId", "Name"]);
        mb.CreateIndex("IX_Members_WorkUnitId_Name", "Members", ["WorkUnitId", "Name"]);
        mb.CreateIndex("IX_Organizations_Code", "Organizations", "Code", unique: true);
        mb.CreateIndex("IX_Organizations_ParentId_SortOrder", "Organizations", ["ParentId", "SortOrder"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[] { "AspNetUserClaims", "AspNetUserLogins", "AspNetUserTokens", "MemberFlowRecords", "MemberPhotos", "AspNetUsers", "Members", "Organizations", "AuditEntries" })
        {
            mb.DropTable(table);
        }
    }
}
