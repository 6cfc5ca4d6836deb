namespace CommunityPartyPortal.Documents.Excel;

/// <summary>What a column of the member import holds, which decides how its cells are checked.</summary>
internal enum ImportValueKind { Text, Choice, Date, NationalId, Mobile, WorkUnit, Grid, ServiceIntentions }

/// <summary>One column of the member import template, as listed on its 填写说明 sheet.</summary>
/// <param name="Name">The exact header text.</param>
/// <param name="Required">Whether every row must fill it.</param>
/// <param name="Format">What to fill, in Chinese.</param>
/// <param name="Example">A sample value.</param>
public sealed record MemberImportColumn(string Name, bool Required, string Format, string Example)
{
    /// <summary>The allowed values of a choice column (a dropdown in the template); null for free columns.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>The longest text accepted, in characters; null when the column is not free text.</summary>
    public int? MaxLength { get; init; }

    internal ImportValueKind Kind { get; init; }
}

/// <summary>
/// The columns of the member import template (and of <see cref="MemberImport"/>), in template order, with the
/// allowed Chinese values of the choice columns. The values are the display names of the Domain enums
/// (Gender, Education, MemberCategory, MembershipStatus, ServiceCategory): the web layer maps them back by name.
/// </summary>
public static class MemberImportColumns
{
    public const string Name = "姓名";
    public const string Gender = "性别";
    public const string BirthDate = "出生日期";
    public const string Ethnicity = "民族";
    public const string Education = "学历";
    public const string Category = "党员类别";
    public const string Status = "正式/预备";
    public const string JoinedPartyOn = "入党日期";
    public const string NationalId = "身份证号";
    public const string Mobile = "手机号码";
    public const string WorkUnit = "工作单位";
    public const string JobTitle = "职务";
    public const string Grid = "网格";
    public const string Building = "楼栋";
    public const string Room = "房号";
    public const string Address = "详细住址";
    public const string Specialties = "特长";
    public const string ServiceIntentions = "服务意向";
    public const string FreeTime = "空闲时间";

    public static IReadOnlyList<string> Genders { get; } = ["男", "女"];
    public static IReadOnlyList<string> Educations { get; } = ["研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下"];
    public static IReadOnlyList<string> Categories { get; } = ["在职党员", "自管党员", "流动党员"];
    public static IReadOnlyList<string> Statuses { get; } = ["正式党员", "预备党员"];
    public static IReadOnlyList<string> ServiceCategories { get; } = ["政策宣传", "法律援助", "医疗保健", "扶贫帮困", "便民利民", "文化娱乐", "治安调解", "环境保护"];

    private const string DateFormat = "日期，如1985-07-01，也可写1985/7/1或1985年7月1日";

    /// <summary>All columns, in template order.</summary>
    public static IReadOnlyList<MemberImportColumn> All { get; } =
    [
        Text(Name, true, 50, "张三"),
        Choice(Gender, false, Genders, "男", "可不填，按身份证号自动识别"),
        new(BirthDate, false, DateFormat + "；可不填，按身份证号自动识别", "1985-07-01") { Kind = ImportValueKind.Date },
        Text(Ethnicity, false, 20, "汉族", "不填默认汉族"),
        Choice(Education, true, Educations, "大学本科"),
        Choice(Category, true, Categories, "在职党员"),
        Choice(Status, true, Statuses, "正式党员"),
        new(JoinedPartyOn, true, DateFormat + "；不能晚于今天", "2010-07-01") { Kind = ImportValueKind.Date },
        new(NationalId, true, "18位居民身份证号码，末位可为X；请保持文本格式，不要让Excel把它变成数字", "11010519491231002X") { Kind = ImportValueKind.NationalId },
        new(Mobile, true, "11位手机号码", "13812345678") { Kind = ImportValueKind.Mobile },
        new(WorkUnit, false, "组织关系所在单位，填写系统中的单位全称；在职党员应填写", "县发展和改革局") { Kind = ImportValueKind.WorkUnit },
        Text(JobTitle, false, 100, "科员"),
        new(Grid, false, "居住社区的网格名称，与系统中一致", "第一网格") { Kind = ImportValueKind.Grid },
        Text(Building, false, 50, "3栋"),
        Text(Room, false, 50, "2单元501"),
        Text(Address, false, 200, "幸福路88号3栋2单元501"),
        Text(Specialties, false, 500, "法律咨询"),
        new(ServiceIntentions, false, "可填多项，用顿号“、”分隔，可选：" + string.Join("、", ServiceCategories), "政策宣传、法律援助")
        {
            Kind = ImportValueKind.ServiceIntentions,
            AllowedValues = ServiceCategories,
        },
        Text(FreeTime, false, 200, "周末"),
    ];

    /// <summary>The column with this exact header, or null.</summary>
    public static MemberImportColumn? Find(string header) => All.FirstOrDefault(c => c.Name == header);

    private static MemberImportColumn Text(string name, bool required, int max, string example, string? note = null) =>
        new(name, required, $"文字，不超过{max}个字" + (note is null ? "" : "；" + note), example) { Kind = ImportValueKind.Text, MaxLength = max };

    private static MemberImportColumn Choice(string name, bool required, IReadOnlyList<string> values, string example, string? note = null) =>
        new(name, required, "从下拉列表选择：" + string.Join("、", values) + (note is null ? "" : "；" + note), example)
        {
            Kind = ImportValueKind.Choice,
            AllowedValues = values,
        };
}
