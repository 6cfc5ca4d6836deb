using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>What a print is: its title (as audited), the type of the records its serials belong to, the file name stems.</summary>
public sealed record PrintedDocument(string Title, string TargetType, string FileStem, string FallbackStem);

/// <summary>
/// The plumbing the print use cases share: the ids asked for without repeats, the sources loaded through the
/// scoped context (null, answered 404, when any is not the user's to print), the records built with the user's
/// masking and the org tree, the PDF, the "document.pii" lines of an unmasked print and the file names. A use case
/// says only which sources it loads, how they become records and which renderer it calls.
/// </summary>
public abstract class PrintUseCase<TSource, TRecord>(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time)
{
    protected PortalDbContext Db => db;

    protected abstract PrintedDocument Document { get; }

    /// <summary>The sources in the order of <paramref name="ids"/>, or null when any of them is not the user's to print.</summary>
    protected abstract Task<IReadOnlyList<TSource>?> LoadAsync(IReadOnlyList<Guid> ids);

    /// <summary>The record a source is printed from, with its serial: what the audit line and the file name name.</summary>
    protected abstract (Guid Id, string Serial) DocumentOf(TSource source);

    /// <summary>The records to print, one a source and in their order, as <paramref name="scope"/> may see them.</summary>
    protected abstract Task<List<TRecord>> RecordsAsync(IReadOnlyList<TSource> sources, AccessScope scope, OrgTree tree);

    /// <summary>The PDF of the ids asked for, or null when any is not the user's to print (404).</summary>
    protected async Task<PdfFile?> PrintAsync(IEnumerable<Guid> ids, Func<IReadOnlyList<TRecord>, byte[]> render)
    {
        if (await LoadAsync(ReportingDocuments.Distinct(ids)) is not { } sources) return null;

        var scope = db.Scope;
        var records = await RecordsAsync(sources, scope, await trees.GetAsync());
        var content = render(records);
        var documents = sources.Select(DocumentOf).ToList();
        await ReportingDocuments.AuditUnmaskedAsync(audit, scope, Document.Title, Document.TargetType, documents);
        var (name, fallback) = ReportingDocuments.FileNames(Document.FileStem, Document.FallbackStem, [.. documents.Select(d => d.Serial)], Clock.TodayInChina(time));
        return new PdfFile(content, name, fallback, records.Count);
    }
}

/// <summary>A print of confirmed reports (回执, the two cards): the sources are <see cref="ReportSources"/>.</summary>
public abstract class ReportPrintUseCase<TRecord>(PortalDbContext db, OrgTreeCache trees, AuditLog audit, TimeProvider time)
    : PrintUseCase<ReportSource, TRecord>(db, trees, audit, time)
{
    protected override Task<IReadOnlyList<ReportSource>?> LoadAsync(IReadOnlyList<Guid> ids) => ReportSources.LoadAsync(Db, ids);
}
