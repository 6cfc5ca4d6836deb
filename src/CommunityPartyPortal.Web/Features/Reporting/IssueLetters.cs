using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 批量开具在职党员进社区报到证明信: one letter per selected member who can report this year, addressed to
/// the member's residential community, with consecutive serials, all in one transaction. Members who
/// cannot get a letter are listed with the reason; a member outside the scope fails the whole request.
/// </summary>
public sealed class IssueLetters(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const int MaxPerRequest = 500;
    public const string NotInService = "非在职党员";
    public const string MovedOut = "已迁出";
    public const string NoCommunity = "未登记居住社区";
    public const string AlreadyReported = "已报到";
    public const string AlreadyIssued = "本年度已开具证明信";

    /// <summary>The posted form: the ticked members and the year; unit and state only to come back to the same list.</summary>
    public sealed class Request
    {
        public List<Guid> MemberIds { get; set; } = [];
        public int? Year { get; set; }
        public Guid? Unit { get; set; }
        public string? State { get; set; }
    }

    public sealed record Skipped(string Name, string Reason);

    public sealed record Result(int Year, IReadOnlyList<string> Serials, IReadOnlyList<Skipped> Skipped, string? Error)
    {
        /// <summary>"已开具N份证明信（first 至 last）；未开具：…" when any was issued.</summary>
        public string? Flash => Serials.Count == 0 ? null
            : $"已开具{Serials.Count}份证明信（{Serials[0]}{(Serials.Count > 1 ? " 至 " + Serials[^1] : "")}）{SkippedText("；")}";

        /// <summary>The error when nothing was issued.</summary>
        public string? FlashError => Error ?? (Serials.Count == 0 ? $"未开具证明信{SkippedText("：")}" : null);

        private string SkippedText(string lead)
        {
            if (Skipped.Count == 0) return "";
            var names = string.Join("、", Skipped.Take(20).Select(s => $"{s.Name}（{s.Reason}）"));
            return $"{lead}{Skipped.Count}人未开具：{names}{(Skipped.Count > 20 ? " 等" : "")}";
        }
    }

    /// <summary>Issues the letters; null when a member is not visible to the user (404, nothing written).</summary>
    public async Task<Result?> HandleAsync(Request request, string issuedBy)
    {
        var year = request.Year ?? 0;
        var ids = request.MemberIds.Distinct().ToList();
        if (!ReportingYears.IsValid(request.Year, time)) return new(year, [], [], "请选择有效的年度");
        if (ids.Count == 0) return new(year, [], [], "请先勾选要开具证明信的党员");
        if (ids.Count > MaxPerRequest) return new(year, [], [], $"一次最多开具{MaxPerRequest}份证明信");

        var members = await db.Members.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.Category, m.MovedOutOn, m.WorkUnitId, m.CommunityId })
            .ToDictionaryAsync(m => m.Id);
        if (members.Count != ids.Count) return null;

        var open = (await db.ReportLetters.AsNoTracking()
            .Where(l => l.Year == year && l.Status == LetterStatus.Issued && ids.Contains(l.MemberId))
            .Select(l => l.MemberId).ToListAsync()).ToHashSet();
        var reported = (await db.CommunityReports.AsNoTracking()
            .Where(r => r.Year == year && r.Status == ReportStatus.Confirmed && ids.Contains(r.MemberId))
            .Select(r => r.MemberId).ToListAsync()).ToHashSet();

        var skipped = new List<Skipped>();
        var eligible = new List<(Guid Id, Guid Unit, Guid Community)>();
        foreach (var id in ids)
        {
            var m = members[id];
            string? reason = m switch
            {
                _ when m.Category != MemberCategory.InService || m.WorkUnitId is null => NotInService,
                _ when m.MovedOutOn is not null => MovedOut,
                _ when m.CommunityId is null => NoCommunity,
                _ when reported.Contains(id) => AlreadyReported,
                // A used letter whose report was withdrawn does not block a new one (the member may report again).
                _ when open.Contains(id) => AlreadyIssued,
                _ => null,
            };
            if (reason is null) eligible.Add((id, m.WorkUnitId!.Value, m.CommunityId!.Value));
            else skipped.Add(new Skipped(m.Name, reason));
        }
        if (eligible.Count == 0) return new(year, [], skipped, null);

        var today = Clock.TodayInChina(time);
        await using var tx = await db.Database.BeginTransactionAsync();
        var serials = await SerialNumbers.TakeAsync(db, DocumentTypes.Letter, year, eligible.Count);
        for (var i = 0; i < eligible.Count; i++)
        {
            db.ReportLetters.Add(new ReportLetter
            {
                Serial = serials[i],
                Year = year,
                MemberId = eligible[i].Id,
                WorkUnitId = eligible[i].Unit,
                CommunityId = eligible[i].Community,
                IssuedOn = today,
                IssuedBy = issuedBy,
            });
        }
        try
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException)
        {
            // Another request opened a letter for one of these members at the same moment: the unique
            // index (MemberId, Year, ActiveSlot) refused the second one, and nothing of this request is kept.
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            return new(year, [], skipped, "部分党员刚刚已由他人开具证明信，本次未开具，请刷新后重试");
        }
        return new(year, serials, skipped, null);
    }
}
