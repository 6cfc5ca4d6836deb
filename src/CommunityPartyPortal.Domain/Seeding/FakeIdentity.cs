using System.Globalization;
using CommunityPartyPortal.Domain.Members;

namespace CommunityPartyPortal.Domain.Seeding;

/// <summary>
/// Synthetic personal identifiers, unique within one generator: GB 11643 national ID numbers of one
/// county (region code, birth date, sequence whose last digit gives the gender, check character) and
/// mainland mobile numbers (<c>^1[3-9]\d{9}$</c>). Everything comes from the given <see cref="Random"/>,
/// so a seeded generator repeats itself exactly.
/// </summary>
public sealed class FakeIdentity
{
    /// <summary>
    /// Region codes of a county in 宝鸡 (Shaanxi): mostly the county itself (610322), some from its
    /// neighbours, as among the people living in a county. Weights in percent.
    /// </summary>
    public static readonly IReadOnlyList<(string Code, int Weight)> DefaultRegionCodes =
    [
        ("610322", 84), ("610302", 3), ("610303", 3), ("610304", 3), ("610323", 3), ("610324", 2), ("610327", 2),
    ];

    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151", "152",
        "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182",
        "183", "184", "185", "186", "187", "188", "189", "191", "195", "198", "199",
    ];

    private readonly Random random;
    private readonly IReadOnlyList<(string Code, int Weight)> regionCodes;
    private readonly int totalWeight;
    private readonly HashSet<string> nationalIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> mobiles = new(StringComparer.Ordinal);

    public FakeIdentity(Random random, IReadOnlyList<(string Code, int Weight)>? regionCodes = null)
    {
        this.random = random;
        this.regionCodes = regionCodes ?? DefaultRegionCodes;
        if (this.regionCodes.Count == 0 || this.regionCodes.Any(r => r.Code.Length != 6 || !r.Code.All(char.IsAsciiDigit) || r.Weight <= 0))
        {
            throw new ArgumentException("Region codes must be 6 digits with positive weights.", nameof(regionCodes));
        }
        totalWeight = this.regionCodes.Sum(r => r.Weight);
    }

    /// <summary>A birth date uniformly between 1 January <paramref name="fromYear"/> and 31 December <paramref name="toYear"/>.</summary>
    public DateOnly BirthDate(int fromYear = 1960, int toYear = 2000)
    {
        var first = new DateOnly(fromYear, 1, 1).DayNumber;
        var last = new DateOnly(toYear, 12, 31).DayNumber;
        return DateOnly.FromDayNumber(random.Next(first, last + 1));
    }

    /// <summary>
    /// A national ID number not given out before by this generator, for a person born on
    /// <paramref name="birthDate"/> of <paramref name="gender"/> (odd 17th digit for men).
    /// </summary>
    public string NationalId(DateOnly birthDate, Gender gender)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var region = Region();
            var sequence = random.Next(0, 500) * 2 + (gender == Gender.Male ? 1 : 0);
            var first17 = string.Create(CultureInfo.InvariantCulture, $"{region}{birthDate:yyyyMMdd}{sequence:000}");
            var id = first17 + Rules.NationalId.CheckDigit(first17);
            if (nationalIds.Add(id)) return id;
        }
        throw new InvalidOperationException($"No unused national ID left for {birthDate:yyyy-MM-dd}.");
    }

    /// <summary>A mobile number not given out before by this generator.</summary>
    public string Mobile()
    {
        while (true)
        {
            var number = string.Create(CultureInfo.InvariantCulture,
                $"{MobilePrefixes[random.Next(MobilePrefixes.Length)]}{random.Next(0, 10_000):0000}{random.Next(0, 10_000):0000}");
            if (mobiles.Add(number)) return number;
        }
    }

    private string Region()
    {
        var pick = random.Next(totalWeight);
        foreach (var (code, weight) in regionCodes)
        {
            if (pick < weight) return code;
            pick -= weight;
        }
        return regionCodes[^1].Code;
    }
}
