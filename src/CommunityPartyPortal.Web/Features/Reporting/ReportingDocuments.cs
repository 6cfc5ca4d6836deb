using System.Globalization;
using System.Text;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Documents.Pdf;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>A rendered PDF and the names it is served under: the Chinese one (filename*) and an ASCII fallback.</summary>
public sealed record PdfFile(byte[] Content, string FileName, string FallbackName, int Documents);

/// <summary>How the cards are printed: A4 (default) or A5, one copy or both (单位党组织留存 + 社区党组织留存).</summary>
public sealed record CardOptions(PaperSize Paper, bool BothCopies)
{
    public static readonly CardOptions Default = new(PaperSize.A4, false);

    /// <summary>From the query string: <c>paper=A5</c>, <c>copies=2</c>; anything else is the default.</summary>
    public static CardOptions From(string? paper, int? copies) =>
        new(string.Equals(paper?.Trim(), "A5", StringComparison.OrdinalIgnoreCase) ? PaperSize.A5 : PaperSize.A4, copies == 2);
}

/// <summary>
/// What the four 报到 documents share: how organisations are named on paper, the address line, masking by the
/// user's PII permission (and the "document.pii" audit line of an unmasked print), the file names.
/// </summary>
public static class ReportingDocuments
{
    /// <summary>The most documents one PDF may hold (a form per page).</summary>
    public const int MaxBatch = 500;

    /// <summary>The audit action of a document printed with the full 身份证号 and phone.</summary>
    public const string PiiAction = "document.pii";

    private static readonly string[] PartySuffixes = ["党委", "党组", "党总支", "支部"];

    /// <summary>
    /// The party organisation of a unit or community as printed: the name itself when it already is one
    /// (…党委 / …党组 / …党总支 / …支部), else the name + 党组织.
    /// </summary>
    public static string PartyOrganisation(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0) return "";
        return PartySuffixes.Any(s => trimmed.EndsWith(s, StringComparison.Ordinal)) ? trimmed : trimmed + "党组织";
    }

    /// <summary>A community with its street, as one name: "凤城街道东关社区" (the tree's path without the separators).</summary>
    public static string Place(OrgTree tree, Guid? id)
    {
        var parts = new List<string>();
        for (var n = tree.Find(id); n is not null && n.Kind != OrgKind.County; n = tree.Find(n.ParentId)) parts.Add(n.Name);
        parts.Reverse();
        return string.Concat(parts);
    }

    /// <summary>The member's address line: the recorded address, else street, community, 楼栋 and 房号.</summary>
    public static string AddressOf(Member m, OrgTree tree)
    {
        if (!string.IsNullOrWhiteSpace(m.Address)) return m.Address.Trim();
        var parts = new[] { Place(tree, m.CommunityId), m.Building, m.Room };
        return string.Concat(parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
    }

    /// <summary>The names of the categories set, in the order of the printed tick boxes.</summary>
    public static IReadOnlyList<string> CategoryNames(ServiceCategory flags) =>
        [.. Enum.GetValues<ServiceCategory>().Where(c => c != ServiceCategory.None && flags.HasFlag(c)).Select(c => c.Text())];

    /// <summary>身份证号 as the user may see it.</summary>
    public static string NationalId(AccessScope scope, string value) => scope.CanViewPersonalData ? value : Masking.NationalId(value);

    /// <summary>The phone as the user may see it.</summary>
    public static string Mobile(AccessScope scope, string value) => scope.CanViewPersonalData ? value : Masking.Mobile(value);

    /// <summary>The ids of a request without repeats, in the order given.</summary>
    public static List<Guid> Distinct(IEnumerable<Guid>? ids) => [.. (ids ?? []).Where(id => id != Guid.Empty).Distinct()];

    /// <summary>
    /// "document.pii" lines for a print with the full personal data: the title and every serial, split over as
    /// many lines as the detail column needs; the target is the record when there is only one.
    /// </summary>
    public static async Task AuditUnmaskedAsync(AuditLog audit, AccessScope scope, string title, string targetType,
        IReadOnlyList<(Guid Id, string Serial)> documents)
    {
        if (!scope.CanViewPersonalData || documents.Count == 0) return;
        var target = documents.Count == 1 ? documents[0].Id.ToString() : null;
        var line = new StringBuilder();
        foreach (var (_, serial) in documents)
        {
            if (line.Length > 0 && line.Length + serial.Length + 1 > 900)
            {
                await audit.WriteAsync(PiiAction, targetType, target, true, line.ToString());
                line.Clear();
            }
            line.Append(line.Length == 0 ? $"{title}（{documents.Count}份）：" : "、").Append(serial);
        }
        await audit.WriteAsync(PiiAction, targetType, target, true, line.ToString());
    }

    /// <summary>
    /// "报到回执-2026-报到-000123.pdf" for one document, "报到回执-12份-20260315.pdf" for a batch; the fallback is
    /// the ASCII <paramref name="fallbackStem"/> with the same numbers.
    /// </summary>
    public static (string FileName, string Fallback) FileNames(string stem, string fallbackStem, IReadOnlyList<string> serials, DateOnly today)
    {
        if (serials.Count == 1)
        {
            var serial = serials[0];
            var digits = new string([.. serial.Where(c => char.IsAsciiDigit(c) || c == '-')]).Replace("--", "-", StringComparison.Ordinal);
            return ($"{stem}-{Safe(serial)}.pdf", $"{fallbackStem}-{digits.Trim('-')}.pdf");
        }
        var count = serials.Count.ToString(CultureInfo.InvariantCulture);
        var date = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return ($"{stem}-{count}份-{date}.pdf", $"{fallbackStem}-{count}-{date}.pdf");
    }

    private static string Safe(string value) =>
        new([.. value.Select(c => Path.GetInvalidFileNameChars().Contains(c) || char.IsWhiteSpace(c) ? '_' : c)]);
}
