using System.Globalization;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Domain.Assessment;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Scoring;


/// <summary>
/// The documents of a scoring session (考评), for organisation targets (community, street, unit) and member targets alike:
/// the score sheet of one target (考评评分表, PDF) and the session's ranking table (考评排名表, .xlsx). Null (404) when the
/// user may not have them:
/// <list type="bullet">
/// <item>the sheet: the session and the target must be visible in the user's scope (ScopeRules.Assessment: the county
/// all, a street or community the sessions it opened, a community its own target of a locked session);</item>
/// <item>the ranking: the session must be visible with every one of its targets (so not to a community looking at a
/// street's session).</item>
/// </list>
/// The rank on a sheet is computed over all the session's targets, read past the scope filters once the session itself
/// was found visible: a community learns its own rank and the number ranked, nothing else of the others.
/// The sheet's evidence (items 13–17 of a community target) is computed as of the sheet's date: the lock day of a locked
/// session, today for a draft (then it is what the scoring page shows).
/// </summary>
public sealed class ScoringDocuments(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const string SheetFileStem = "考评评分表";
    public const string RankingFileStem = "考评排名表";

    /// <summary>The score sheet of a target as PDF and its file name (「考评评分表-东关社区-2026-考评-3F9A1C2B-001.pdf」); null: 404.</summary>
    public async Task<(byte[] Pdf, string FileName)?> ScoreSheetAsync(Guid sessionId, Guid targetId) =>
        await SheetFileAsync(sessionId, targetId) is { } file ? (file.Content, file.FileName) : null;

    /// <summary>The ranking of a session as .xlsx and its file name (「考评排名表-{title}.xlsx」); null: 404.</summary>
    public async Task<(byte[] Xlsx, string FileName)?> RankingAsync(Guid sessionId) =>
        await RankingFileAsync(sessionId) is { } file ? (file.Content, file.FileName) : null;

    /// <summary>The score sheet with its ASCII fallback name, for <see cref="DocumentResults.Pdf"/>.</summary>
    public async Task<PdfFile?> SheetFileAsync(Guid sessionId, Guid targetId)
    {
        if (!await db.ScoringTargets.AsNoTracking().AnyAsync(t => t.Id == targetId && t.SessionId == sessionId)) return null;
        if (await LoadAsync(sessionId) is not { } data) return null;
        var target = data.Targets.First(t => t.Id == targetId);
        EvidenceSet? evidence = null;
        if (target.OrganizationId is { } org && org == target.CommunityId && data.Rubric.Items.Any(i => i.EvidenceKey is not null))
        {
            evidence = await AssessmentEvidence.ForCommunitiesAsync(db, [org], data.Session.Year, data.IssuedOn);
        }
        var record = ScoringRecords.Sheet(data, targetId, evidence);
        var content = ScoreSheetPdf.Render([record]);
        var order = data.OrderOf(targetId);
        return new PdfFile(content, Safe($"{SheetFileStem}-{record.Target}-{record.Serial}.pdf"),
            $"score-sheet-{ScoringRecords.AsciiSerial(data.Session, order)}.pdf", 1);
    }

    /// <summary>The ranking with its ASCII fallback name.</summary>
    public async Task<XlsxFile?> RankingFileAsync(Guid sessionId)
    {
        if (await LoadAsync(sessionId) is not { } data) return null;
        if (await db.ScoringTargets.AsNoTracking().CountAsync(t => t.SessionId == sessionId) != data.Targets.Count) return null;
        using var output = new MemoryStream();
        var session = data.Session;
        var status = session.IsLocked ? "" : "（草稿，未锁定）";
        RankingWorkbook.Write(output, $"{session.Title}排名表{status}", data.IssuedBy, data.IssuedOn,
            ScoringRecords.Categories(data.Rubric), ScoringRecords.Ranking(data), data.Rubric.Target.Text());
        return new XlsxFile(output.ToArray(), Safe($"{RankingFileStem}-{session.Title}.xlsx"),
            string.Create(CultureInfo.InvariantCulture, $"ranking-{session.Year}-{ScoringRecords.SessionCode(session.Id)}.xlsx"));
    }

    /// <summary>
    /// The session (null when not visible, or its rubric is gone) with all its targets and scores, their totals and names.
    /// The targets and scores are read past the scope filters: the caller has decided what of them it shows.
    /// </summary>
    internal async Task<ScoringSessionData?> LoadAsync(Guid sessionId)
    {
        var session = await db.ScoringSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId);
        if (session is null) return null;
        var rubric = await db.Rubrics.AsNoTracking().Include(r => r.Categories).ThenInclude(c => c.Items).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == session.RubricId);
        if (rubric is null) return null;
        var targets = (await db.ScoringTargets.IgnoreQueryFilters().AsNoTracking().Where(t => t.SessionId == sessionId).ToListAsync())
            .OrderBy(t => t.Id).ToList();
        var scores = await db.Scores.IgnoreQueryFilters().AsNoTracking().Where(s => s.SessionId == sessionId).ToListAsync();
        var tree = await trees.GetAsync();
        var memberIds = targets.Where(t => t.MemberId is not null).Select(t => t.MemberId!.Value).ToList();
        var members = memberIds.Count == 0 ? [] : await db.Members.IgnoreQueryFilters().AsNoTracking()
            .Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name);
        var names = targets.ToDictionary(t => t.Id, t => t.MemberId is { } m ? members.GetValueOrDefault(m, "") : tree.NameOf(t.OrganizationId));
        var issuedOn = session.LockedAt is { } locked && session.IsLocked
            ? DateOnly.FromDateTime(Clock.ToChina(locked))
            : Clock.TodayInChina(time);
        return new ScoringSessionData(session, rubric, targets, scores, ScoreTotals.Compute(rubric, targets.Select(t => t.Id), scores),
            names, tree.NameOf(session.OrganizationId), issuedOn);
    }

    /// <summary>A file name without the characters a file system refuses (and no white space).</summary>
    private static string Safe(string value) =>
        new([.. value.Select(c => Path.GetInvalidFileNameChars().Contains(c) || char.IsWhiteSpace(c) ? '_' : c)]);
}
