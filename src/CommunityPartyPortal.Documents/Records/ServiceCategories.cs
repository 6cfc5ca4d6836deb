namespace CommunityPartyPortal.Documents.Records;

/// <summary>The service categories printed as tick boxes on the cards (seed 003: 服务岗位和服务内容).</summary>
public static class ServiceCategories
{
    /// <summary>政策宣传, 法律援助, 医疗保健, 扶贫帮困, 便民利民, 文化娱乐, 治安调解, 环境保护.</summary>
    public static IReadOnlyList<string> Default { get; } =
        ["政策宣传", "法律援助", "医疗保健", "扶贫帮困", "便民利民", "文化娱乐", "治安调解", "环境保护"];
}
