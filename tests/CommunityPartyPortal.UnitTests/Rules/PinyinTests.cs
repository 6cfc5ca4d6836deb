using System.Collections.Concurrent;
using CommunityPartyPortal.Domain.Rules;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.UnitTests.Rules;

/// <summary>Pinyin of names through the system ICU (libicu is installed wherever the portal and CI run).</summary>
public sealed class PinyinTests
{
    [Fact]
    public void The_system_icu_is_found()
    {
        Pinyin.IsAvailable.ShouldBeTrue("libicu with the Han-Latin transliterator should be installed");
    }

    [Theory]
    [InlineData("张三", "zhang san", "zs")]
    [InlineData("李四", "li si", "ls")]
    [InlineData("王小明", "wang xiao ming", "wxm")]
    [InlineData("欧阳修", "ou yang xiu", "oyx")]
    [InlineData("诸葛亮", "zhu ge liang", "zgl")]
    public void Common_names_read_as_syllables_with_their_initials(string name, string full, string initials)
    {
        Pinyin.Of(name).ShouldBe(new PinyinReading(full, initials));
    }

    [Theory]
    [InlineData("单雄信", "shan xiong xin", "sxx")]
    [InlineData("曾国藩", "zeng guo fan", "zgf")]
    [InlineData("解缙", "xie jin", "xj")]
    [InlineData("区汉贤", "ou han xian", "ohx")]
    [InlineData("仇英", "qiu ying", "qy")]
    [InlineData("万俟卨", "mo qi xie", "mqx")]
    public void Polyphonic_surnames_read_as_surnames(string name, string full, string initials)
    {
        Pinyin.Of(name).ShouldBe(new PinyinReading(full, initials));
    }

    [Theory]
    [InlineData("Anna王", "anna wang", "aw")]
    [InlineData("王2", "wang 2", "w2")]
    [InlineData("阿依古丽·买买提", "a yi gu li mai mai ti", "ayglmmt")]
    [InlineData(" 张  三 ", "zhang san", "zs")]
    [InlineData("Émile张", "emile zhang", "ez")]
    [InlineData("吕布", "lu bu", "lb")]
    public void Other_letters_digits_and_separators_are_kept_sensibly(string name, string full, string initials)
    {
        Pinyin.Of(name).ShouldBe(new PinyinReading(full, initials));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_name_has_an_empty_reading(string? name)
    {
        Pinyin.Of(name).ShouldBe(new PinyinReading("", ""));
        Pinyin.SortKey(name).ShouldBe("");
    }

    [Theory]
    [InlineData("zs", true)]
    [InlineData("z", true)]
    [InlineData("ZS", true)]
    [InlineData("zhang", true)]
    [InlineData("zhangs", true)]
    [InlineData("zhang san", true)]
    [InlineData(" zhang  SAN ", true)]
    [InlineData("zhangsan", true)]
    [InlineData("", true)]
    [InlineData("zsa", false)]
    [InlineData("san", false)]
    [InlineData("s", false)]
    [InlineData("zhangsanfeng", false)]
    [InlineData("张", false)]
    public void A_query_matches_the_start_of_the_initials_or_of_the_syllables(string query, bool matches)
    {
        Pinyin.Matches(Pinyin.Of("张三"), query).ShouldBe(matches);
    }

    [Fact]
    public void Names_sort_by_pinyin_then_ordinal()
    {
        string[] names = ["张三", "安娜", "曾国藩", "单雄信", "李四", "李斯", "林一", "王小明"];
        Pinyin.SortKey("曾国藩").ShouldBe("zeng guo fan");

        var sorted = names.Order(Pinyin.NameComparer).ToArray();

        // an na < li si (李四 < 李斯 by ordinal: U+56DB < U+65AF) < lin yi < shan < wang < zeng < zhang.
        sorted.ShouldBe(["安娜", "李四", "李斯", "林一", "单雄信", "王小明", "曾国藩", "张三"]);
        Pinyin.NameComparer.Compare(null, "张三").ShouldBeLessThan(0);
        Pinyin.NameComparer.Compare("张三", "张三").ShouldBe(0);
    }

    [Fact]
    public void Concurrent_readings_are_consistent()
    {
        // 1,000 distinct names (so ICU itself is called concurrently, not only the cache), each read ten times.
        (string Han, string Latin)[] surnames = [("张", "zhang"), ("王", "wang"), ("李", "li"), ("赵", "zhao"), ("刘", "liu"),
            ("陈", "chen"), ("杨", "yang"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu")];
        (string Han, string Latin)[] given = [("明", "ming"), ("国", "guo"), ("英", "ying"), ("伟", "wei"), ("芳", "fang"),
            ("军", "jun"), ("平", "ping"), ("红", "hong"), ("丽", "li"), ("静", "jing")];
        var names = (from s in surnames from a in given from b in given
                     select (Name: s.Han + a.Han + b.Han, Full: $"{s.Latin} {a.Latin} {b.Latin}")).ToArray();
        names.Length.ShouldBe(1000);

        var wrong = new ConcurrentBag<string>();
        Parallel.For(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount) }, i =>
        {
            var (name, full) = names[(i * 7919) % names.Length];
            var reading = Pinyin.Of(name);
            if (reading.Full != full || reading.Initials != string.Concat(full.Split(' ').Select(s => s[0])))
            {
                wrong.Add($"{name}: {reading}");
            }
        });

        wrong.ShouldBeEmpty();
    }
}
