using System.Text.Json.Nodes;
using CommunityPartyPortal.Domain.Assessment;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Assessment;

/// <summary>The preset rubrics: seed 001's 6 categories, 23 items and 100 points; seed 002's two; the JSON files they come from; copies.</summary>
public sealed class RubricPresetsTests
{
    [Fact]
    public void Seed001_preset_is_valid_with_6_categories_23_items_and_100_points()
    {
        var rubric = RubricPresets.Load(RubricPresets.Wuzhong2011);

        RubricRules.Problems(rubric).ShouldBeEmpty();
        rubric.Name.ShouldBe("吴中区“六位一体”社区党建机制考评细则");
        rubric.Issuer.ShouldBe("中共苏州市吴中区委组织部");
        (rubric.Year, rubric.Target, rubric.TotalPoints, rubric.Status).ShouldBe((2011, RubricTarget.Community, 100m, RubricStatus.Draft));
        rubric.Categories.Select(c => (c.No, c.Points)).ShouldBe([(1, 20m), (2, 20m), (3, 15m), (4, 15m), (5, 15m), (6, 15m)]);
        rubric.Items.Select(i => i.No).ShouldBe(Enumerable.Range(1, 23));
        rubric.Items.Sum(i => i.Points).ShouldBe(100m);
        rubric.Items.Where(i => i.EvidenceKey != null).Select(i => (i.No, i.EvidenceKey, i.Points)).ShouldBe(
        [
            (13, EvidenceKeys.Posts, 4m), (14, EvidenceKeys.Activities, 4m), (15, EvidenceKeys.Households, 4m),
            (16, EvidenceKeys.Participation, 3m), (17, EvidenceKeys.Rosters, 5m),
        ]);
        rubric.Items.Single(i => i.No == 16).Text.ShouldBe("组织关系在社区的党员参与率要超过60%，集中服务活动每两月不少于1次");
        rubric.Parts.ShouldBe([ScorePart.Organisation]);
        rubric.Preset.ShouldBe(RubricPresets.Wuzhong2011);
    }

    [Fact]
    public void Seed002_presets_are_valid_five_good_for_communities_and_five_lead_for_members_with_weights()
    {
        var good = RubricPresets.Load(RubricPresets.FiveGood, 2026);
        RubricRules.Problems(good).ShouldBeEmpty();
        (good.Year, good.Target, good.TotalPoints).ShouldBe((2026, RubricTarget.Community, 100m));
        good.Categories.Select(c => c.Name).ShouldBe(["领导班子好", "党员队伍好", "工作机制好", "工作业绩好", "群众反映好"]);

        var lead = RubricPresets.Load(RubricPresets.FiveLead);
        RubricRules.Problems(lead).ShouldBeEmpty();
        lead.Target.ShouldBe(RubricTarget.Member);
        lead.Categories.Select(c => c.Name).ShouldBe(["带头学习提高", "带头争创佳绩", "带头服务群众", "带头遵纪守法", "带头弘扬正气"]);
        (lead.OrganisationWeight, lead.PeersWeight, lead.PublicWeight).ShouldBe((50, 25, 25));
        lead.Parts.ShouldBe([ScorePart.Organisation, ScorePart.Peers, ScorePart.Public]);
    }

    [Fact]
    public void Embedded_presets_are_the_json_files_under_db_presets_and_seed001_is_the_shared_preset_plus_evidence_keys()
    {
        var folder = Path.Combine(RepositoryRoot(), "db", "presets");
        foreach (var preset in RubricPresets.All)
        {
            var file = File.ReadAllText(Path.Combine(folder, $"rubric-{preset.Key}.json")).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
            preset.Json.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').ShouldBe(file, $"{preset.Key}: the embedded preset differs from db/presets");
            JsonNode.Parse(preset.Json)!["key"]!.GetValue<string>().ShouldBe(preset.Key);
        }

        var ours = JsonNode.Parse(RubricPresets.Find(RubricPresets.Wuzhong2011)!.Json)!.AsObject();
        ours.Remove("key");
        foreach (var item in ours["categories"]!.AsArray().SelectMany(c => c!["items"]!.AsArray())) item!.AsObject().Remove("evidenceKey");
        var shared = Path.Combine(RepositoryRoot(), "..", "shared", "presets", "rubric-wuzhong-2011.json");
        if (File.Exists(shared)) JsonNode.DeepEquals(ours, JsonNode.Parse(File.ReadAllText(shared))).ShouldBeTrue();
    }

    [Fact]
    public void Copy_is_an_independent_draft_with_the_same_content()
    {
        var original = RubricPresets.Load(RubricPresets.Wuzhong2011);
        original.Items.Single(i => i.No == 3).Formula = "每少1天扣1分";
        original.Publish();

        var copy = RubricPresets.Copy(original, "2026年城关街道社区党建考评细则", 2026);

        (copy.Name, copy.Year, copy.Status, copy.CopiedFromId).ShouldBe(("2026年城关街道社区党建考评细则", 2026, RubricStatus.Draft, (Guid?)original.Id));
        copy.Id.ShouldNotBe(original.Id);
        copy.Items.Select(i => (i.No, i.Text, i.Points, i.EvidenceKey, i.Formula)).ShouldBe(original.Items.Select(i => (i.No, i.Text, i.Points, i.EvidenceKey, i.Formula)));
        copy.Items.Select(i => i.Id).Intersect(original.Items.Select(i => i.Id)).ShouldBeEmpty();
        copy.Categories.ShouldAllBe(c => c.RubricId == copy.Id && c.Items.All(i => i.RubricId == copy.Id && i.CategoryId == c.Id));

        copy.Items.First().Points = 1;
        original.Items.First().Points.ShouldBe(6m);
        RubricRules.Problems(original).ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_preset_and_bad_json_are_refused()
    {
        Should.Throw<ArgumentException>(() => RubricPresets.Load("nope"));
        Should.Throw<AssessmentException>(() => RubricPresets.Parse("{ not json")).Message.ShouldStartWith("考评细则文件格式有误");
        Should.Throw<AssessmentException>(() => RubricPresets.Parse("""{ "name": "x", "target": "planet" }""")).Message.ShouldBe("考评对象“planet”无效（community、street、unit 或 member）");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommunityPartyPortal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("No CommunityPartyPortal.sln above the test binaries.");
    }
}
