using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>作废证明信: the unit cancels a letter not used yet, with the reason.</summary>
public sealed class CancelLetter(PortalDbContext db) : IUseCase
{
    /// <summary>Null when the letter is not visible (404); else the year (for the way back) and an error or null.</summary>
    public async Task<(int Year, string? Error)?> HandleAsync(Guid id, string? reason)
    {
        var letter = await db.ReportLetters.FirstOrDefaultAsync(l => l.Id == id);
        if (letter is null) return null;
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (letter.Status != LetterStatus.Issued) return (letter.Year, $"证明信 {letter.Serial} {letter.Status.Text()}，不能作废");
        if (text is null) return (letter.Year, "请填写作废原因");
        if (text.Length > 200) return (letter.Year, "作废原因不能超过200个字");
        letter.Status = LetterStatus.Cancelled;
        letter.CancelReason = text;
        await db.SaveChangesAsync();
        return (letter.Year, null);
    }
}
