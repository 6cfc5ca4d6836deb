namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>Where a paged list is: rendered by <c>_Pager.cshtml</c> (links keep the other query values).</summary>
public sealed record PageInfo(int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int Skip => (Page - 1) * PageSize;

    /// <summary>The requested page clamped to 1 … the last page.</summary>
    public static PageInfo For(int? requested, int pageSize, int total)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        return new PageInfo(Math.Clamp(requested ?? 1, 1, pages), pageSize, total);
    }
}
