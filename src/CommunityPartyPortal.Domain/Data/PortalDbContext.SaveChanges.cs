using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Auditing;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CommunityPartyPortal.Domain.Data;

public partial class PortalDbContext
{
    /// <summary>Incremented whenever organisations change, so caches of the trees reload.</summary>
    public static long OrganizationTreeVersion => Interlocked.Read(ref organizationTreeVersion);
    private static long organizationTreeVersion;

    /// <summary>For writers that bypass SaveChanges (the bulk loader): organisations changed.</summary>
    internal static void OrganizationsChanged() => Interlocked.Increment(ref organizationTreeVersion);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var orgsChanged = BeforeSave();
        var n = base.SaveChanges(acceptAllChangesOnSuccess);
        if (orgsChanged) Interlocked.Increment(ref organizationTreeVersion);
        return n;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var orgsChanged = BeforeSave();
        var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (orgsChanged) Interlocked.Increment(ref organizationTreeVersion);
        return n;
    }

    /// <summary>Checks scope, stamps versions and times, and audits every write. Throws before anything is saved.</summary>
    private bool BeforeSave()
    {
        ChangeTracker.DetectChanges();
        var now = Time.GetUtcNow().UtcDateTime;
        var entries = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        var orgsChanged = false;
        var audits = new List<AuditEntry>();

        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case AuditEntry when entry.State != EntityState.Added:
                    throw new InvalidOperationException("审计日志只能追加，不能修改或删除");
                case AuditEntry:
                    continue;
                case Organization:
                    if (!Scope.SeesEverything) throw new ScopeViolationException("只有县级管理员可以维护组织机构");
                    orgsChanged = true;
                    break;
                case Member member:
                    KeepPinyin(entry, member);
                    CheckMember(entry, member);
                    break;
                case MemberPhoto photo:
                    CheckOwnedByVisibleMember(entry, photo.MemberId);
                    break;
                case MemberFlowRecord record:
                    CheckOwnedByVisibleMember(entry, record.MemberId);
                    break;
                case ReportLetter letter:
                    letter.ActiveSlot = letter.Status == LetterStatus.Issued ? 1 : null;
                    CheckWrite(entry, letter, letter.MemberId);
                    break;
                case CommunityReport report:
                    report.ActiveSlot = report.Status == ReportStatus.Confirmed ? 1 : null;
                    CheckWrite(entry, report, report.MemberId);
                    break;
                case UnitVerification verification:
                    CheckWrite(entry, verification, Guid.Empty);
                    break;
                case ReportingYear or RequirementRule:
                    if (!Scope.SeesEverything) throw new ScopeViolationException("只有县级管理员可以设置年度要求");
                    break;
                case FeedbackCycle cycle:
                    if (!Scope.SeesEverything) throw new ScopeViolationException("只有县级管理员可以设置反馈周期");
                    FeedbackRules.CheckCycle(entry, cycle);
                    break;
                case FeedbackCard card:
                    if (entry.State != EntityState.Deleted) card.CurrentSlot = card.Status == FeedbackCardStatus.Superseded ? null : 1;
                    CheckFeedbackCardWrite(entry, card);
                    FeedbackRules.CheckCard(entry, card);
                    break;
                case Publicity publicity:
                    CheckPublicityWrite(entry, publicity);
                    break;
                case PublicityEntry publicityEntry:
                    KeepPublicityEntry(entry, publicityEntry);
                    break;
                case Rubric or RubricCategory or RubricItem:
                    CheckRubricWrite(entry);
                    break;
                case ScoringSession or ScoringTarget or ScoringScorer or Score:
                    CheckScoringWrite(entry);
                    break;
                case Summaries.SummarySubmission submission:
                    CheckSummarySubmissionWrite(entry, submission);
                    break;
                case ServiceRecord when entry.State == EntityState.Deleted:
                    throw new InvalidOperationException("服务记录不能删除，只能撤销、不通过或更正");
                case ICommunityOwned record:
                    KeepActiveSlot(record);
                    CheckCommunityWrite(entry, record);
                    break;
            }

            if (entry.Entity is EditableEntity editable)
            {
                if (entry.State == EntityState.Added)
                {
                    editable.CreatedAt = now;
                    editable.UpdatedAt = now;
                }
                else if (entry.State == EntityState.Modified)
                {
                    editable.UpdatedAt = now;
                    editable.Version = Guid.NewGuid();
                }
            }

            if (entry.Entity is EditableEntity or MemberPhoto)
            {
                audits.Add(AuditFor(entry, now));
            }
        }

        AuditEntries.AddRange(audits);
        return orgsChanged;
    }

    /// <summary>The "one open X" slots backed by unique indexes follow the record's state.</summary>
    private static void KeepActiveSlot(ICommunityOwned record)
    {
        switch (record)
        {
            case PostClaim c: c.ActiveSlot = c.IsOpen ? 1 : null; break;
            case TeamMembership m: m.ActiveSlot = m.LeftOn is null ? 1 : null; break;
            case HouseholdPairing p: p.ActiveSlot = p.EndedOn is null ? 1 : null; break;
            case ServiceRecord r: r.ActiveSlot = r.ActivityId is not null && r.Status is RecordStatus.Pending or RecordStatus.Confirmed ? 1 : null; break;
        }
    }

    private static void KeepPinyin(EntityEntry entry, Member member)
    {
        // Without ICU the reading stays empty (null) for PinyinBackfill to fill once ICU is there.
        if (!Rules.Pinyin.IsAvailable) return;
        if (entry.State == EntityState.Added || entry.Property(nameof(Member.Name)).IsModified || member.NameInitials is null)
        {
            var reading = Rules.Pinyin.Of(member.Name);
            member.NamePinyin = reading.Full;
            member.NameInitials = reading.Initials;
        }
    }

    private void CheckMember(EntityEntry entry, Member member)
    {
        if (Scope.SeesEverything) return;
        var ok = entry.State switch
        {
            EntityState.Added => InScope(member),
            EntityState.Deleted => InScope((Member)entry.OriginalValues.ToObject()),
            _ => InScope(member) && InScope((Member)entry.OriginalValues.ToObject()),
        };
        if (!ok) throw new ScopeViolationException("该党员不在您的管理范围内");
    }

    /// <summary>Checks the entity as it will be and, for changes, as it was.</summary>
    private void CheckWrite(EntityEntry entry, object entity, Guid memberId)
    {
        if (Scope.SeesEverything) return;
        var ok = entry.State == EntityState.Added
            ? MayWrite(entity, memberId)
            : MayWrite(entry.OriginalValues.ToObject(), entry.OriginalValues.TryGetValue<Guid>("MemberId", out var m) ? m : memberId)
              && (entry.State == EntityState.Deleted || MayWrite(entity, memberId));
        if (!ok) throw new ScopeViolationException("该记录不在您的管理范围内");
    }

    private void CheckOwnedByVisibleMember(EntityEntry entry, Guid memberId)
    {
        if (Scope.SeesEverything) return;
        var ids = new HashSet<Guid> { memberId };
        if (entry.State != EntityState.Added && entry.OriginalValues["MemberId"] is Guid original) ids.Add(original);
        foreach (var id in ids)
        {
            var member = Members.Local.FirstOrDefault(m => m.Id == id) ?? Members.AsNoTracking().FirstOrDefault(m => m.Id == id);
            if (member is null || !InScope(member)) throw new ScopeViolationException("该党员不在您的管理范围内");
        }
    }

    private AuditEntry AuditFor(EntityEntry entry, DateTime now)
    {
        var verb = entry.State switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" };
        var type = entry.Metadata.ClrType.Name;
        var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString());
        var changed = entry.State == EntityState.Modified
            ? string.Join(",", entry.Properties.Where(p => p.IsModified && p.Metadata.Name is not nameof(EditableEntity.Version) and not nameof(EditableEntity.UpdatedAt)).Select(p => p.Metadata.Name))
            : null;
        return new AuditEntry
        {
            OccurredAt = now,
            UserId = Scope.UserId,
            UserName = Scope.UserName,
            OrganizationId = Scope.OrganizationId,
            Action = $"{type}.{verb}",
            TargetType = type,
            TargetId = string.Join("/", key),
            Success = true,
            Detail = string.IsNullOrEmpty(changed) ? null : Truncate(changed, 1000),
        };
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
