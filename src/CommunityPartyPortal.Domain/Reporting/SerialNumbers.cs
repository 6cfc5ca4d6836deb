using CommunityPartyPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Reporting;

/// <summary>The document types that carry a serial number, as printed in the serial.</summary>
public static class DocumentTypes
{
    public const string Letter = "证明信";
    public const string Receipt = "报到";
    public const string InfoCard = "信息卡";
    public const string Commitment = "承诺卡";
}

/// <summary>
/// Serial numbers unique per document type and year, e.g. <c>2026-报到-000123</c>. Numbers are taken
/// with a single UPDATE on the counter row, so concurrent requests never get the same number; call it
/// inside the transaction that saves the documents so a failed save gives its numbers back.
/// </summary>
public static class SerialNumbers
{
    public static string Format(int year, string type, int number) => $"{year}-{type}-{number:D6}";

    /// <summary>Takes <paramref name="count"/> consecutive numbers and returns their serials.</summary>
    public static async Task<IReadOnlyList<string>> TakeAsync(PortalDbContext db, string type, int year, int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"SerialCounters\" (\"DocumentType\", \"Year\", \"Next\") VALUES ({type}, {year}, 1) ON CONFLICT DO NOTHING", ct);
        await db.SerialCounters.Where(c => c.DocumentType == type && c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Next, c => c.Next + count), ct);
        var next = await db.SerialCounters.AsNoTracking().Where(c => c.DocumentType == type && c.Year == year).Select(c => c.Next).SingleAsync(ct);
        var first = next - count;
        return Enumerable.Range(first, count).Select(n => Format(year, type, n)).ToList();
    }

    public static async Task<string> TakeOneAsync(PortalDbContext db, string type, int year, CancellationToken ct = default) =>
        (await TakeAsync(db, type, year, 1, ct))[0];
}
