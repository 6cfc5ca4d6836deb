namespace CommunityPartyPortal.Domain.Summaries;

/// <summary>Figures that add up: a group's subtotal and the total are the sums of the rows (rates are recomputed from the sums).</summary>
public interface ISummaryFigures<TSelf> where TSelf : ISummaryFigures<TSelf>
{
    /// <summary>The sum of this and <paramref name="other"/>.</summary>
    TSelf Plus(TSelf other);

    /// <summary>Nothing to show (every count 0): such rows are left out where the root does not list every organisation.</summary>
    bool IsEmpty { get; }

    /// <summary>Below the year's threshold (to highlight); false where the figures have no threshold.</summary>
    bool BelowThreshold { get; }
}

/// <summary>What a row stands for.</summary>
public enum SummaryRowKind
{
    /// <summary>A work unit under a department: its own members.</summary>
    Unit = 1,
    /// <summary>A department (a work unit directly under the county): its own members only (本级), not its units'.</summary>
    DepartmentOwn = 2,
    /// <summary>A community.</summary>
    Community = 3,
}

/// <summary>One row: an organisation (for links) and its figures.</summary>
public sealed record SummaryRow<TFigures>(Guid OrganizationId, string Name, SummaryRowKind Kind, TFigures Figures)
    where TFigures : ISummaryFigures<TFigures>
{
    public bool BelowThreshold => Figures.BelowThreshold;
}

/// <summary>A department with its units, or a street with its communities, and their subtotal (the sum of the rows).</summary>
public sealed record SummaryGroup<TFigures>(Guid OrganizationId, string Name, IReadOnlyList<SummaryRow<TFigures>> Rows, TFigures Subtotal)
    where TFigures : ISummaryFigures<TFigures>;

/// <summary>The groups of a table and its total (the sum of the subtotals).</summary>
public sealed record SummaryTable<TFigures>(IReadOnlyList<SummaryGroup<TFigures>> Groups, TFigures Total)
    where TFigures : ISummaryFigures<TFigures>
{
    public IEnumerable<SummaryRow<TFigures>> Rows => Groups.SelectMany(g => g.Rows);
}

/// <summary>Where a table was taken: the year, the date it stands at, the root and the year's reporting threshold.</summary>
public sealed record SummaryHeader(int Year, DateOnly AsOf, Guid RootId, string RootName, Organizations.OrgKind RootKind, int ThresholdPercent);

/// <summary>在职党员进社区报到情况汇总表: by unit (grouped by department) and by community (grouped by street).</summary>
public sealed record ReportingSummary(SummaryHeader Header, SummaryTable<UnitReportingFigures> ByUnit, SummaryTable<CommunityReportingFigures> ByCommunity);

/// <summary>在职党员进社区服务群众情况汇总表: by unit (grouped by department) and by community (grouped by street).</summary>
public sealed record ServiceSummary(SummaryHeader Header, int RequirementRules, SummaryTable<ServiceFigures> ByUnit, SummaryTable<ServiceFigures> ByCommunity);
