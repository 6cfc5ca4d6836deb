namespace CommunityPartyPortal.Web.Features.Audit;

/// <summary>Chinese labels of the audit actions and of the sign-in details; anything unknown shows as it is.</summary>
public static class AuditActionText
{
    private static readonly Dictionary<string, string> Exact = new(StringComparer.Ordinal)
    {
        ["signin"] = "登录",
        ["signout"] = "退出",
        ["Member.create"] = "新增党员",
        ["Member.update"] = "修改党员",
        ["Member.delete"] = "删除党员",
        ["member.view-pii"] = "查看完整个人信息",
        ["scope.violation"] = "越权访问",
        ["account.create"] = "新建账号",
        ["account.update"] = "修改账号",
        ["account.disable"] = "停用账号",
        ["account.enable"] = "启用账号",
        ["account.unlock"] = "解锁账号",
        ["account.reset-password"] = "重置密码",
        ["account.change-password"] = "修改本人密码",
        ["member.edit-view-pii"] = "编辑时查看完整个人信息",
        ["member.grant-account"] = "开通党员账号",
        ["document.pii"] = "打印含完整个人信息的文书",
        ["roster.export"] = "导出名册",
        ["roster.export-pii"] = "导出含完整个人信息的名册",
        ["roster.import"] = "批量导入党员",
        ["reporting.late-remarked"] = "重新标记逾期报到",
    };

    /// <summary>Families of actions by prefix: the entity writes the DbContext audits, and account administration.</summary>
    private static readonly (string Prefix, string Label)[] Families =
    [
        ("MemberPhoto.", "党员照片"),
        ("MemberFlowRecord.", "流入流出登记"),
        ("Organization.", "组织机构"),
        ("ReportLetter.", "报到证明信"),
        ("CommunityReport.", "报到登记"),
        ("UnitVerification.", "核实单位党员数"),
        ("ReportingYear.", "报到年度设置"),
        ("account.", "账号管理"),
    ];

    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["create"] = "新增",
        ["update"] = "修改",
        ["delete"] = "删除",
    };

    /// <summary>The details the sign-in writes (stored in English, shown in Chinese).</summary>
    private static readonly Dictionary<string, string> Details = new(StringComparer.Ordinal)
    {
        ["wrong password"] = "密码错误",
        ["unknown user"] = "用户名不存在",
        ["disabled"] = "账号已停用",
        ["locked out"] = "账号已锁定",
    };

    public static string? Detail(string? detail) => detail is not null && Details.TryGetValue(detail, out var text) ? text : detail;

    public static string Label(string action)
    {
        if (Exact.TryGetValue(action, out var label)) return label;
        foreach (var (prefix, family) in Families)
        {
            if (!action.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var verb = action[prefix.Length..];
            return $"{family}（{(Verbs.TryGetValue(verb, out var v) ? v : verb)}）";
        }
        return action;
    }

    /// <summary>The suggestions of the action filter: whole families (a prefix) and the known single actions.</summary>
    public static IReadOnlyList<(string Value, string Label)> Choices { get; } =
    [
        .. Families.Select(f => (f.Prefix, f.Label + "（全部）")),
        ("Member.", "党员信息（全部）"),
        .. Exact.Select(e => (e.Key, e.Value)),
    ];
}
