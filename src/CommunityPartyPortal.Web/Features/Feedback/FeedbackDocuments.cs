using System.Globalization;
using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Documents.Pdf;
using CommunityPartyPortal.Documents.Pdf.Forms;
using CommunityPartyPortal.Documents.Records;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Web.Features.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunityPartyPortal.Web.Features.Reporting.ReportingDocuments;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>A card with what is printed of it (its member's name, pinyin for the order, the record).</summary>
public sealed record FeedbackCardEntry(FeedbackCard Card, FeedbackCycle Cycle, string NamePinyin, FeedbackCardRecord Record);

/// <summary>
/// Turns feedback cards into their documents: <see cref="FeedbackCardRecord"/> (the PDF card), <see cref="FeedbackLetterRecord"/>
/// (the covering letter of a unit's batch) and <see cref="FeedbackCardRow"/> (the .xlsx). Works on any
/// <see cref="IQueryable{FeedbackCard}"/> of the request's scoped context, so the viewer's scope has already chosen the
/// cards (the community its own, the unit its sent ones, …); the members' names are read for those cards only. Names
/// of organisations come from the org tree cache. No ID number or phone is printed, so nothing is masked.
/// </summary>
public sealed class FeedbackDocuments(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    /// <summary>The serial printed on a draft (a card gets its serial when it is sent).</summary>
    public const string DraftSerial = "草稿（未编号）";

    /// <summary>The document type of the covering letter's serial: 2026-反馈函-000123.</summary>
    public const string LetterSerialType = "反馈函";

    /// <summary>The cards of <paramref name="cards"/> with their records, in pinyin order of the member, then revision.</summary>
    public async Task<List<FeedbackCardEntry>> LoadAsync(IQueryable<FeedbackCard> cards, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var list = await cards.AsNoTracking().ToListAsync(ct);
        if (list.Count == 0) return [];
        var cycleIds = list.Select(c => c.CycleId).Distinct().ToList();
        var cycles = await db.FeedbackCycles.AsNoTracking().Where(c => cycleIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var memberIds = list.Select(c => c.MemberId).Distinct().ToList();
        // The cards were chosen by the scope; their members are read even when they have since moved away.
        var members = await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.NamePinyin, m.Gender, m.JobTitle }).ToDictionaryAsync(m => m.Id, ct);
        var previousIds = list.Where(c => c.PreviousId is not null).Select(c => c.PreviousId!.Value).Distinct().ToList();
        var previousSerials = previousIds.Count == 0 ? [] : await db.FeedbackCards.IgnoreQueryFilters().AsNoTracking()
            .Where(c => previousIds.Contains(c.Id)).Select(c => new { c.Id, c.Serial }).ToDictionaryAsync(c => c.Id, c => c.Serial, ct);
        var tree = await trees.GetAsync(ct);
        var today = Clock.TodayInChina(time);

        return [.. list.Select(card =>
            {
                var cycle = cycles[card.CycleId];
                var m = members[card.MemberId];
                var record = new FeedbackCardRecord(card.Serial ?? DraftSerial, PartyOrganisation(Place(tree, card.CommunityId)),
                    card.SentAt is { } sent ? DateOnly.FromDateTime(Clock.ToChina(sent)) : today,
                    cycle.Year, cycle.Label, cycle.StartsOn, cycle.EndsOn, m.Name, m.Gender.Text(), tree.NameOf(card.WorkUnitId), Place(tree, card.CommunityId))
                {
                    Revision = card.Revision,
                    Corrects = card.PreviousId is { } p && previousSerials.TryGetValue(p, out var serial) ? serial : null,
                    Post = m.JobTitle,
                    UnitPartyOrganisation = PartyOrganisation(tree.NameOf(card.WorkUnitId)),
                    Services = card.Services,
                    Days = card.Days,
                    Minutes = card.Minutes,
                    PostsClaimed = card.PostsClaimed,
                    WishesFulfilled = card.WishesFulfilled,
                    HouseholdsPaired = card.HouseholdsPaired,
                    HouseholdVisits = card.HouseholdVisits,
                    Suggestions = card.Suggestions,
                    RequirementsMet = card.RequirementsMet,
                    RequirementsTotal = card.RequirementsTotal,
                    Requirements = [.. FeedbackRequirementLines.Read(card.RequirementLines).Select(l => new RequirementProgress(l.Label, l.Required, l.Achieved, l.Met))],
                    Grade = card.Grade?.Text(),
                    Opinion = card.Opinion,
                    Veto = card.Veto,
                    VetoReason = card.VetoReason,
                };
                return new FeedbackCardEntry(card, cycle, m.NamePinyin ?? m.Name, record);
            })
            .OrderBy(e => e.NamePinyin, StringComparer.Ordinal).ThenBy(e => e.Record.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Card.MemberId).ThenBy(e => e.Card.Revision)];
    }

    /// <summary>
    /// The covering letter of one community's cards to one unit for one cycle (the entries must share them). Its serial
    /// is derived, stably, from the lowest card serial of the batch: 2026-反馈卡-000123 gives 2026-反馈函-000123.
    /// </summary>
    public async Task<FeedbackLetterRecord> LetterAsync(IReadOnlyList<FeedbackCardEntry> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) throw new ArgumentException("A letter needs at least one card.", nameof(entries));
        var first = entries[0].Card;
        if (entries.Any(e => e.Card.CycleId != first.CycleId || e.Card.CommunityId != first.CommunityId || e.Card.WorkUnitId != first.WorkUnitId))
        {
            throw new ArgumentException("A letter covers the cards of one cycle, one community and one unit.", nameof(entries));
        }
        var tree = await trees.GetAsync(ct);
        var cycle = entries[0].Cycle;
        return new FeedbackLetterRecord(LetterSerial(cycle.Year, entries.Select(e => e.Card.Serial)), PartyOrganisation(Place(tree, first.CommunityId)),
            PartyOrganisation(tree.NameOf(first.WorkUnitId)), Clock.TodayInChina(time), cycle.Label, cycle.StartsOn, cycle.EndsOn,
            [.. entries.Select(e => new FeedbackLetterMember(e.Record.Name, e.Record.Grade, e.Record.Veto, e.Record.VetoReason))]);
    }

    /// <summary>「{year}-反馈函-」 + the number of the lowest card serial (the cards' serials are zero-padded: ordinal order is numeric order).</summary>
    public static string LetterSerial(int year, IEnumerable<string?> cardSerials)
    {
        var lowest = cardSerials.Where(s => !string.IsNullOrEmpty(s)).Select(s => s![(s!.LastIndexOf('-') + 1)..])
            .Order(StringComparer.Ordinal).FirstOrDefault() ?? "000000";
        return string.Create(CultureInfo.InvariantCulture, $"{year}-{LetterSerialType}-{lowest}");
    }

    /// <summary>The cards, one per A4 page, as a PDF file named by their serials.</summary>
    public PdfFile CardsPdf(IReadOnlyList<FeedbackCardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var records = entries.Select(e => e.Record).ToList();
        var content = FeedbackCardPdf.Render(records);
        var (name, fallback) = FileNames("反馈卡", "feedback-card", [.. records.Select(r => r.Serial)], Clock.TodayInChina(time));
        return new PdfFile(content, name, fallback, records.Count);
    }

    /// <summary>
    /// The batch to a unit: for each (community, unit) group of the entries, its covering letter followed by its cards,
    /// one per page. The file is named after the (first) letter's serial.
    /// </summary>
    public async Task<PdfFile> BatchPdfAsync(IReadOnlyList<FeedbackCardEntry> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) throw new ArgumentException("A batch needs at least one card.", nameof(entries));
        using var batch = new PdfBatch(FeedbackLetterPdf.Title);
        var serials = new List<string>();
        foreach (var group in entries.GroupBy(e => (e.Card.CycleId, e.Card.CommunityId, e.Card.WorkUnitId)))
        {
            var cards = group.ToList();
            var letter = await LetterAsync(cards, ct);
            serials.Add(letter.Serial);
            FeedbackLetterPdf.AddTo(batch, letter);
            foreach (var card in cards) FeedbackCardPdf.AddTo(batch, card.Record);
        }
        using var output = new MemoryStream();
        batch.Save(output);
        var (name, fallback) = FileNames("反馈函及反馈卡", "feedback-letter", serials, Clock.TodayInChina(time));
        return new PdfFile(output.ToArray(), name, fallback, entries.Count);
    }

    /// <summary>The .xlsx row of a card, with its status as the sheet shows it (未发送, 未读, 已读, 已签收, 已更正).</summary>
    public static FeedbackCardRow Row(FeedbackCardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = FeedbackCardRow.From(entry.Record, ReceiptText(entry.Card));
        return entry.Card.Serial is null ? row with { Serial = "" } : row;
    }

    /// <summary>The cards as .xlsx (sheet 反馈卡 with its 合计 row).</summary>
    public byte[] Workbook(IReadOnlyList<FeedbackCardEntry> entries, string title, string issuedBy)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var output = new MemoryStream();
        FeedbackCardWorkbook.Write(output, title, issuedBy, Clock.TodayInChina(time), entries.Select(Row));
        return output.ToArray();
    }

    /// <summary>签收 as the community sees it: 未发送 (draft), 已更正, 已签收, 已读, 未读.</summary>
    public static string ReceiptText(FeedbackCard card) => card.Status switch
    {
        FeedbackCardStatus.Draft => "未发送",
        FeedbackCardStatus.Superseded => "已更正",
        _ when card.IsAcknowledged => "已签收",
        _ when card.IsRead => "已读",
        _ => "未读",
    };

    /// <summary>The figures in one line: 服务3次/2天/3.0小时 · 岗位1 · 心愿2 · 联系户1（走访2） · 建议2 · 年度要求1/1.</summary>
    public static string FiguresText(FeedbackCard c) =>
        $"服务{c.Services}次/{c.Days}天/{ServiceHours.Format(c.Minutes)}小时 · 岗位{c.PostsClaimed} · 心愿{c.WishesFulfilled} · 联系户{c.HouseholdsPaired}（走访{c.HouseholdVisits}） · 建议{c.Suggestions} · 年度要求{FeedbackGrades.RequirementsText(c.RequirementsMet, c.RequirementsTotal)}";
}
