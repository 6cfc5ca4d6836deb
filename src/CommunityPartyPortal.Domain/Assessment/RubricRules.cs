namespace CommunityPartyPortal.Domain.Assessment;

/// <summary>What makes a rubric valid; <see cref="Problems"/> lists every problem, in Chinese, for the county's editor.</summary>
public static class RubricRules
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>
    /// Every problem of the rubric (categories and items loaded), or an empty list: a name and issuer; a year; a target;
    /// points above 0 everywhere; category numbers unique and item numbers unique in the rubric; each category's items add
    /// up to its points and the categories to the total; known evidence keys; weights of 0–100 that add up to 100, and
    /// the organisation's score alone (100/0/0) unless the rubric scores members.
    /// </summary>
    public static IReadOnlyList<string> Problems(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(rubric.Name)) problems.Add("请填写考评细则名称");
        else if (rubric.Name.Length > Rubric.NameMaxLength) problems.Add($"考评细则名称不能超过{Rubric.NameMaxLength}个字");
        if (string.IsNullOrWhiteSpace(rubric.Issuer)) problems.Add("请填写印发单位");
        if (rubric.Year is < MinYear or > MaxYear) problems.Add($"年度应在{MinYear}至{MaxYear}之间");
        if (!Enum.IsDefined(rubric.Target)) problems.Add("考评对象无效");
        if (rubric.TotalPoints <= 0) problems.Add("总分必须大于0");
        if (rubric.Categories.Count == 0) problems.Add("考评细则至少要有一个类别");

        foreach (var no in Duplicates(rubric.Categories.Select(c => c.No))) problems.Add($"类别序号{no}重复");
        foreach (var no in Duplicates(rubric.Categories.SelectMany(c => c.Items).Select(i => i.No))) problems.Add($"考评内容序号{no}重复");

        foreach (var category in rubric.Categories.OrderBy(c => c.No))
        {
            var label = $"类别{category.No}“{category.Name}”";
            if (string.IsNullOrWhiteSpace(category.Name)) problems.Add($"类别{category.No}缺少名称");
            if (category.Points <= 0) problems.Add($"{label}的分值必须大于0");
            if (category.Items.Count == 0) problems.Add($"{label}没有考评内容");
            foreach (var item in category.Items.OrderBy(i => i.No))
            {
                if (string.IsNullOrWhiteSpace(item.Text)) problems.Add($"第{item.No}项缺少考评内容");
                else if (item.Text.Length > RubricItem.TextMaxLength) problems.Add($"第{item.No}项考评内容不能超过{RubricItem.TextMaxLength}个字");
                if (item.Points <= 0) problems.Add($"第{item.No}项的分值必须大于0");
                if (item.EvidenceKey is not null && !EvidenceKeys.IsKnown(item.EvidenceKey)) problems.Add($"第{item.No}项的数据依据“{item.EvidenceKey}”无效");
            }
            var itemSum = category.Items.Sum(i => i.Points);
            if (category.Items.Count > 0 && itemSum != category.Points)
            {
                problems.Add($"{label}各项分值合计{Points(itemSum)}分，与类别分值{Points(category.Points)}分不符");
            }
        }

        var categorySum = rubric.Categories.Sum(c => c.Points);
        if (rubric.Categories.Count > 0 && categorySum != rubric.TotalPoints)
        {
            problems.Add($"各类别分值合计{Points(categorySum)}分，与总分{Points(rubric.TotalPoints)}分不符");
        }

        var weights = new[] { rubric.OrganisationWeight, rubric.PeersWeight, rubric.PublicWeight };
        if (weights.Any(w => w is < 0 or > 100) || weights.Sum() != 100) problems.Add("组织点评、党员互评、群众评议的权重应在0至100之间且合计100");
        else if (rubric.Target != RubricTarget.Member && rubric.OrganisationWeight != 100) problems.Add("只有党员考评可以设置党员互评和群众评议的权重");
        else if (rubric.OrganisationWeight == 0) problems.Add("组织点评的权重必须大于0");
        return problems;
    }

    /// <summary>Points as the rubric prints them: "20", "2.5".</summary>
    public static string Points(decimal points) => points.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<int> Duplicates(IEnumerable<int> numbers) =>
        numbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).Order();
}
