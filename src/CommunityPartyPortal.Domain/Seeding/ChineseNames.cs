using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Seeding;

/// <summary>
/// Plausible Chinese personal names for synthetic data: surnames drawn with roughly their national
/// frequency (王 李 张 刘 陈 … down to rare ones such as 单 解 区 仇 and the compound 欧阳 司马), and
/// one- or two-character given names from common characters, leaning to the gender.
/// </summary>
public static class ChineseNames
{
    // Surname and its weight in 1/10,000 of the population (approximate, 2020 census order).
    private static readonly (string Surname, int Weight)[] WeightedSurnames =
    [
        ("王", 712), ("李", 700), ("张", 674), ("刘", 510), ("陈", 461), ("杨", 322), ("黄", 245), ("赵", 229),
        ("吴", 205), ("周", 203), ("徐", 163), ("孙", 154), ("马", 129), ("朱", 126), ("胡", 119), ("郭", 118),
        ("何", 117), ("林", 101), ("高", 100), ("罗", 95), ("郑", 93), ("梁", 86), ("谢", 77), ("宋", 76),
        ("唐", 75), ("许", 67), ("韩", 66), ("冯", 65), ("邓", 64), ("曹", 60), ("彭", 58), ("曾", 56),
        ("肖", 55), ("田", 54), ("董", 53), ("袁", 51), ("潘", 50), ("于", 49), ("蒋", 48), ("蔡", 47),
        ("余", 46), ("杜", 45), ("叶", 44), ("程", 43), ("苏", 42), ("魏", 41), ("吕", 40), ("丁", 39),
        ("任", 38), ("沈", 37), ("姚", 36), ("卢", 35), ("姜", 34), ("崔", 33), ("钟", 32), ("谭", 31),
        ("陆", 30), ("汪", 29), ("范", 28), ("金", 27), ("石", 26), ("廖", 25), ("贾", 24), ("夏", 23),
        ("韦", 22), ("付", 21), ("方", 20), ("白", 20), ("邹", 19), ("孟", 19), ("熊", 18), ("秦", 18),
        ("邱", 17), ("江", 17), ("尹", 16), ("薛", 16), ("闫", 15), ("段", 15), ("雷", 14), ("侯", 14),
        ("龙", 13), ("史", 13), ("陶", 12), ("黎", 12), ("贺", 11), ("顾", 11), ("毛", 10), ("郝", 10),
        ("龚", 10), ("邵", 9), ("万", 9), ("钱", 9), ("严", 8), ("武", 8), ("戴", 8), ("孔", 7),
        ("向", 7), ("汤", 7), ("常", 7), ("温", 6), ("康", 6), ("施", 6), ("文", 6), ("牛", 6),
        ("樊", 5), ("葛", 5), ("邢", 5), ("安", 4), ("齐", 4), ("易", 4), ("乔", 4), ("伍", 4),
        ("庞", 4), ("颜", 3), ("倪", 3), ("庄", 3), ("聂", 3), ("章", 3), ("鲁", 3), ("岳", 3),
        ("单", 2), ("曲", 2), ("查", 1), ("解", 1), ("仇", 1), ("区", 1), ("欧阳", 2), ("司马", 1),
        ("诸葛", 1), ("上官", 1),
    ];

    private static readonly int[] Cumulative = BuildCumulative();

    private const string MaleCharacters =
        "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林建国志文海峰亮成东新庆兵锋振洪德民永生宏昊晨博毅刚勤朝阳";

    private const string FemaleCharacters =
        "芳娜敏静丽艳娟霞燕玲婷雪慧莹琳颖倩洁萍红梅兰凤英玉秀桂琴云丹欣悦佳怡璐露薇淑蓉瑶晶";

    private const string CommonCharacters = "晓文春建海小立正永雅子思梓嘉一安佳明";

    /// <summary>Every surname the generator uses, single-character and compound.</summary>
    public static IReadOnlyList<string> Surnames { get; } = [.. WeightedSurnames.Select(s => s.Surname)];

    public static string Surname(Random random)
    {
        var pick = random.Next(Cumulative[^1]);
        var index = Array.BinarySearch(Cumulative, pick + 1);
        if (index < 0) index = ~index;
        return WeightedSurnames[index].Surname;
    }

    /// <summary>A given name of one (about 15%) or two characters.</summary>
    public static string GivenName(Random random, Gender gender)
    {
        var own = gender == Gender.Female ? FemaleCharacters : MaleCharacters;
        if (random.Next(100) < 15) return own[random.Next(own.Length)].ToString();
        var first = random.Next(100) < 35 ? CommonCharacters[random.Next(CommonCharacters.Length)] : own[random.Next(own.Length)];
        char second;
        do second = own[random.Next(own.Length)]; while (second == first);
        return string.Concat(first, second);
    }

    public static string FullName(Random random, Gender gender) => Surname(random) + GivenName(random, gender);

    private static int[] BuildCumulative()
    {
        var cumulative = new int[WeightedSurnames.Length];
        var total = 0;
        for (var i = 0; i < WeightedSurnames.Length; i++)
        {
            total += WeightedSurnames[i].Weight;
            cumulative[i] = total;
        }
        return cumulative;
    }
}
