namespace CommunityPartyPortal.Web.Features.Home;

/// <summary>The model of <c>_RateTable</c>: a reporting-rate chart table (bars, with the threshold as a line).</summary>
public sealed record RateTable(string Id, string PlaceHeader, IReadOnlyList<RateBar> Bars, int ThresholdPercent);

/// <summary>The model of <c>_OrgList</c>: a list of organisations, the first <see cref="Shown"/> of them, and the text when empty.</summary>
public sealed record OrgList(string Id, IReadOnlyList<ListedOrg> Items, string EmptyText)
{
    public const int Shown = 30;
}
