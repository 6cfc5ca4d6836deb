namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>The <c>Portal</c> section of the configuration.</summary>
public sealed class PortalOptions
{
    /// <summary>Where the SQLite file, data-protection keys and generated files live (relative to the content root).</summary>
    public string DataFolder { get; set; } = "App_Data";
    /// <summary>Seed the demo county on an empty database (honoured in Development only).</summary>
    public bool SeedDemoData { get; set; }
    /// <summary>Show the demo logins on the sign-in page (honoured in Development only).</summary>
    public bool ShowDemoLogins { get; set; }
    /// <summary>How long a request waits for its export before answering with the export's status page (ms).</summary>
    public int ExportInlineWaitMilliseconds { get; set; } = 1000;
    /// <summary>How many exports run at once in the background.</summary>
    public int ExportWorkers { get; set; } = 2;
    /// <summary>
    /// Keep the home dashboards' figures warm in the background (<c>Features/Home/DashboardRefresher</c>): the county's at
    /// start-up and always, and every figure read in the last 30 minutes before it goes stale. Off: the figures are still
    /// cached and refreshed on a stale read, but the first request of a scope (and one after 15 minutes unread) waits.
    /// </summary>
    public bool DashboardRefresh { get; set; } = true;
}
