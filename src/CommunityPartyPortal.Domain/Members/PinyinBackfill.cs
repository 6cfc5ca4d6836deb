using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Domain.Members;

/// <summary>
/// Fills the pinyin of members saved before the columns existed (or while ICU was missing), in batches,
/// at start-up. New and renamed members get theirs when they are saved.
/// </summary>
public static class PinyinBackfill
{
    public static async Task<int> RunAsync(PortalDbContext db, CancellationToken ct = default)
    {
        if (!Pinyin.IsAvailable) return 0;
        var total = 0;
        while (true)
        {
            var batch = await db.Members.IgnoreQueryFilters()
                .Where(m => m.NameInitials == null)
                .OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.Name })
                .Take(2000)
                .ToListAsync(ct);
            if (batch.Count == 0) return total;
            foreach (var m in batch)
            {
                var reading = Pinyin.Of(m.Name);
                await db.Members.IgnoreQueryFilters().Where(x => x.Id == m.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.NamePinyin, reading.Full).SetProperty(x => x.NameInitials, reading.Initials), ct);
            }
            total += batch.Count;
        }
    }
}
