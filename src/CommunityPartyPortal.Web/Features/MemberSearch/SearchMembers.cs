using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.MemberSearch;

/// <summary>
/// Search-as-you-type over the members the user may see (the secretary: the community's residents):
/// a few characters of the name, the pinyin initials or the start of the pinyin (zs, zhang → 张三), or
/// the last digits of the phone or the ID number. Active members only; at most <see cref="Limit"/> hits,
/// best first. Returns no personal data beyond the phone's last four digits.
/// </summary>
public sealed class SearchMembers(PortalDbContext db, OrgTreeCache trees) : IUseCase
{
    public const int Limit = 10;

    public sealed record Hit(Guid Id, string Name, string Initials, string WorkUnit, string Community, string MobileTail, string Category);

    public async Task<IReadOnlyList<Hit>> HandleAsync(string? q, int limit = Limit, CancellationToken ct = default)
    {
        var query = MemberQuery.Parse(q);
        if (query is null) return [];
        limit = Math.Clamp(limit, 1, 50);
        var active = db.Members.AsNoTracking().Where(m => m.MovedOutOn == null);
        var rows = query.Kind switch
        {
            MemberQuery.QueryKind.Digits => await active
                .Where(m => m.Mobile.EndsWith(query.Text) || m.NationalId.EndsWith(query.Text))
                .OrderBy(m => m.NamePinyin).ThenBy(m => m.Id)
                .Select(m => new Row(m.Id, m.Name, m.NameInitials, m.WorkUnitId, m.CommunityId, m.Mobile, m.Category))
                .Take(limit).ToListAsync(ct),
            MemberQuery.QueryKind.Latin => await active
                .Where(m => m.NameInitials!.StartsWith(query.Text) || m.NamePinyin!.StartsWith(query.Text))
                .OrderBy(m => m.NameInitials!.Length).ThenBy(m => m.NamePinyin).ThenBy(m => m.Id)
                .Select(m => new Row(m.Id, m.Name, m.NameInitials, m.WorkUnitId, m.CommunityId, m.Mobile, m.Category))
                .Take(limit).ToListAsync(ct),
            _ => await active
                .Where(m => m.Name.Contains(query.Text))
                .OrderBy(m => m.Name.StartsWith(query.Text) ? 0 : 1).ThenBy(m => m.NamePinyin).ThenBy(m => m.Id)
                .Select(m => new Row(m.Id, m.Name, m.NameInitials, m.WorkUnitId, m.CommunityId, m.Mobile, m.Category))
                .Take(limit).ToListAsync(ct),
        };
        var tree = await trees.GetAsync(ct);
        return rows.Select(r => new Hit(
            r.Id, r.Name, r.Initials ?? "", tree.NameOf(r.WorkUnitId), tree.NameOf(r.CommunityId),
            r.Mobile.Length >= 4 ? r.Mobile[^4..] : "", Domain.Common.EnumText.Text(r.Category))).ToList();
    }

    private sealed record Row(Guid Id, string Name, string? Initials, Guid? WorkUnitId, Guid? CommunityId, string Mobile, MemberCategory Category);
}

/// <summary>What a search box's text means: digits (phone or ID tail), latin letters (pinyin), or a name.</summary>
public sealed record MemberQuery(MemberQuery.QueryKind Kind, string Text)
{
    public enum QueryKind { Name, Latin, Digits }

    public static MemberQuery? Parse(string? q)
    {
        var text = (q ?? "").Trim();
        if (text.Length == 0 || text.Length > 30) return null;
        if (text.All(c => char.IsAsciiDigit(c) || c is 'x' or 'X'))
        {
            // A phone or ID tail: at least 3 characters, or it matches everyone.
            return text.Length >= 3 ? new(QueryKind.Digits, text.ToUpperInvariant()) : null;
        }
        if (text.All(c => char.IsAsciiLetter(c) || c == ' '))
        {
            var letters = new string(text.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant).ToArray());
            return letters.Length == 0 ? null : new(QueryKind.Latin, letters);
        }
        return new(QueryKind.Name, text);
    }
}
