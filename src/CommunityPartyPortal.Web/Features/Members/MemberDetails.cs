using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>
/// The member's 基本情况信息卡 with photo and 流入/流出 history. The ID and phone are masked unless a
/// user with the PII permission asks to reveal them; every reveal is audited.
/// </summary>
public sealed class MemberDetails(
    PortalDbContext db,
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext systemDb,
    OrgTreeCache trees,
    AuditLog audit,
    TimeProvider time) : IUseCase
{
    public sealed record Flow(
        Guid Id, string Direction, FlowDirection DirectionValue, DateOnly OccurredOn, string Place, string Reason, string Contact,
        string ReceivingOrganization, DateOnly? EndedOn, string? Notes, string? RecordedBy, DateTime RecordedAt);

    public sealed class Model
    {
        public Guid Id { get; init; }
        public required string Name { get; init; }
        public required string Gender { get; init; }
        public DateOnly BirthDate { get; init; }
        public required string Ethnicity { get; init; }
        public required string Education { get; init; }
        public DateOnly JoinedPartyOn { get; init; }
        public required string Status { get; init; }
        public required string Category { get; init; }
        /// <summary>Masked unless <see cref="Revealed"/>.</summary>
        public required string NationalId { get; init; }
        /// <summary>Masked unless <see cref="Revealed"/>.</summary>
        public required string Mobile { get; init; }
        public bool Revealed { get; init; }
        public bool CanReveal { get; init; }

        public required string WorkUnit { get; init; }
        public string? JobTitle { get; init; }
        public required string Street { get; init; }
        public required string Community { get; init; }
        public required string Grid { get; init; }
        public string? Building { get; init; }
        public string? Room { get; init; }
        public string? Address { get; init; }

        public string? Specialties { get; init; }
        public required string ServiceIntentions { get; init; }
        public string? FreeTime { get; init; }

        public DateOnly? MovedOutOn { get; init; }
        public string? MovedOutTo { get; init; }
        public string? MoveOutReason { get; init; }
        public bool IsActive => MovedOutOn is null;

        public bool HasPhoto { get; init; }
        public string PhotoUrl { get; init; } = "";
        public required IReadOnlyList<Flow> Flows { get; init; }

        public bool CanEdit { get; init; }
        public bool HasAccount { get; init; }
        public bool IsOwnRecord { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        /// <summary>「不宜评先评优（…年社区一票否决）」 when the member is vetoed (<see cref="FeedbackInbox.VetoBadges"/>), else null.</summary>
        public string? VetoBadge { get; init; }
    }

    /// <summary>The card, or null when the member is not visible to the user.</summary>
    public async Task<Model?> HandleAsync(Guid id, bool reveal)
    {
        var m = await db.Members.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (m is null) return null;

        var scope = db.Scope;
        var revealed = reveal && scope.CanViewPersonalData;
        if (revealed) await audit.WriteAsync("member.view-pii", "Member", id.ToString(), true);

        var tree = await trees.GetAsync();
        var flows = await db.MemberFlowRecords.AsNoTracking()
            .Where(r => r.MemberId == id)
            .OrderByDescending(r => r.OccurredOn).ThenByDescending(r => r.CreatedAt)
            .ToListAsync();
        var photoAt = m.HasPhoto
            ? await db.MemberPhotos.AsNoTracking().Where(p => p.MemberId == id).Select(p => (DateTime?)p.UpdatedAt).FirstOrDefaultAsync()
            : null;
        var canEdit = MemberFormRules.IsEditor(scope.Role);
        // Accounts live outside the tenant data (system context); only whether one exists is read.
        var hasAccount = canEdit && await systemDb.Users.AsNoTracking().AnyAsync(u => u.MemberId == id);

        var vetoBadge = (await FeedbackInbox.VetoBadges.ForAsync(db, time, [id])).GetValueOrDefault(id);
        return new Model
        {
            Id = m.Id,
            Name = m.Name,
            Gender = m.Gender.Text(),
            BirthDate = m.BirthDate,
            Ethnicity = m.Ethnicity,
            Education = m.Education.Text(),
            JoinedPartyOn = m.JoinedPartyOn,
            Status = m.Status.Text(),
            Category = m.Category.Text(),
            NationalId = revealed ? m.NationalId : Masking.NationalId(m.NationalId),
            Mobile = revealed ? m.Mobile : Masking.Mobile(m.Mobile),
            Revealed = revealed,
            CanReveal = scope.CanViewPersonalData && !revealed,
            WorkUnit = tree.NameOf(m.WorkUnitId),
            JobTitle = m.JobTitle,
            Street = tree.NameOf(m.StreetId ?? tree.AncestorOfKind(m.CommunityId, OrgKind.Street)?.Id),
            Community = tree.NameOf(m.CommunityId),
            Grid = tree.NameOf(m.GridId),
            Building = m.Building,
            Room = m.Room,
            Address = m.Address,
            Specialties = m.Specialties,
            ServiceIntentions = EnumText.FlagsText(m.ServiceIntentions),
            FreeTime = m.FreeTime,
            MovedOutOn = m.MovedOutOn,
            MovedOutTo = m.MovedOutTo,
            MoveOutReason = m.MoveOutReason,
            HasPhoto = photoAt is not null,
            PhotoUrl = photoAt is { } at ? $"/members/{id}/photo?v={at.Ticks}" : "",
            Flows = [.. flows.Select(r => new Flow(
                r.Id, r.Direction.Text(), r.Direction, r.OccurredOn, r.Place, r.Reason, r.Contact, r.ReceivingOrganization,
                r.EndedOn, r.Notes, r.RecordedBy, Clock.ToChina(r.CreatedAt)))],
            CanEdit = canEdit,
            HasAccount = hasAccount,
            IsOwnRecord = scope.Kind == ScopeKind.Member,
            CreatedAt = Clock.ToChina(m.CreatedAt),
            UpdatedAt = Clock.ToChina(m.UpdatedAt),
            VetoBadge = vetoBadge,
        };
    }
}
