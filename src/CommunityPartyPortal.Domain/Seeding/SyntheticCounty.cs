using System.Globalization;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using static CommunityPartyPortal.Domain.Seeding.SyntheticCountyData;

namespace CommunityPartyPortal.Domain.Seeding;

/// <summary>The shape of a synthetic county. The same options always give the same county.</summary>
public sealed record SyntheticCountyOptions
{
    public int Members { get; init; } = 60_000;
    public int Streets { get; init; } = 20;
    public int Communities { get; init; } = 150;
    /// <summary>All work units: about 25 departments under the county, the rest subordinate units under them.</summary>
    public int Units { get; init; } = 400;
    public int Seed { get; init; } = 20261122;
    public string CountyName { get; init; } = "示范县";
    /// <summary>The day the data describes: ages, party standing and probation are reckoned to it.</summary>
    public DateOnly AsOf { get; init; } = new(2026, 11, 22);
}

/// <summary>
/// A deterministic synthetic county for demos, load tests and scale checks: the residential tree
/// (county → streets/towns → communities → grids), the work-unit tree (departments → subordinate units)
/// and party members of every category, with valid, unique national IDs and mobiles. Only
/// <see cref="Random"/> seeded from the options is used, so equal options give identical output, ids
/// included.
/// </summary>
public sealed class SyntheticCounty
{
    private SyntheticCounty(SyntheticCountyOptions options, List<Organization> organizations, List<Member> members)
    {
        Options = options;
        Organizations = organizations;
        Members = members;
    }

    public SyntheticCountyOptions Options { get; }

    /// <summary>Every organisation, parents before children.</summary>
    public IReadOnlyList<Organization> Organizations { get; }

    public IReadOnlyList<Member> Members { get; }

    public static SyntheticCounty Build(SyntheticCountyOptions? options = null)
    {
        var o = options ?? new SyntheticCountyOptions();
        if (o.Members < 0) throw new ArgumentException("Members must not be negative.", nameof(options));
        if (o.Streets < 1) throw new ArgumentException("A county needs at least one street.", nameof(options));
        if (o.Communities < o.Streets) throw new ArgumentException("Every street needs a community: Communities must be at least Streets.", nameof(options));
        if (o.Units < 1) throw new ArgumentException("A county needs at least one work unit.", nameof(options));

        return new Generator(o).Run();
    }

    private sealed class Generator(SyntheticCountyOptions o)
    {
        private readonly Random random = new(o.Seed);
        private readonly List<Organization> organizations = [];
        private readonly HashSet<string> names = new(StringComparer.Ordinal);
        private readonly DateTime stamp = o.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        private long idClock;

        public SyntheticCounty Run()
        {
            var identities = new FakeIdentity(random);
            var county = Org(o.CountyName, OrgKind.County, null, "C", 0);

            var places = Places(o.Streets);
            var streetKinds = Math.Max(1, (int)Math.Round(o.Streets * 0.25));
            var streets = new List<Organization>();
            for (var s = 0; s < o.Streets; s++)
            {
                var name = places[s] + (s < streetKinds ? "街道" : "镇");
                var street = Org(name, OrgKind.Street, county, $"S{s + 1:00}", s + 1);
                street.ContactPerson = ChineseNames.FullName(random, Pick(Gender.Male, Gender.Female));
                street.ContactPhone = identities.Mobile();
                street.Address = $"{o.CountyName}{name}";
                streets.Add(street);
            }

            // Every street gets one community, the rest go to random streets (towns near the seat get more).
            var perStreet = Enumerable.Repeat(1, o.Streets).ToArray();
            for (var c = o.Streets; c < o.Communities; c++) perStreet[random.Next(o.Streets)]++;
            var communityNames = CommunityNames(o.Communities);
            var communities = new List<(Organization Community, Organization Street, List<Organization> Grids)>();
            var nameIndex = 0;
            for (var s = 0; s < o.Streets; s++)
            {
                for (var c = 0; c < perStreet[s]; c++)
                {
                    var street = streets[s];
                    var name = communityNames[nameIndex++] + "社区";
                    var community = Org(name, OrgKind.Community, street, $"{street.Code}-C{c + 1:00}", c + 1);
                    community.ContactPerson = ChineseNames.FullName(random, Pick(Gender.Male, Gender.Female));
                    community.ContactPhone = identities.Mobile();
                    community.Address = $"{o.CountyName}{street.Name}{name}";
                    var grids = new List<Organization>();
                    var gridCount = random.Next(3, 7);
                    for (var g = 1; g <= gridCount; g++)
                    {
                        grids.Add(Org($"第{g}网格", OrgKind.Grid, community, $"{community.Code}-G{g}", g, uniqueName: false));
                    }
                    communities.Add((community, street, grids));
                }
            }

            var units = Units(county, places);

            var communityWeights = Cumulative(communities.Select(_ => random.Next(5, 16)));
            var unitWeights = Cumulative(units.Select(u => u.ParentId == county.Id ? random.Next(2, 8) : random.Next(1, 12)));
            var members = new List<Member>(o.Members);
            for (var i = 0; i < o.Members; i++)
            {
                var home = communities[PickIndex(communityWeights)];
                members.Add(NewMember(identities, home.Community, home.Street, home.Grids, units, unitWeights));
            }

            return new SyntheticCounty(o, organizations, members);
        }

        private List<Organization> Units(Organization county, IReadOnlyList<string> places)
        {
            var departmentCount = Math.Clamp(o.Units / 4, 1, Departments.Length);
            var units = new List<Organization>(o.Units);
            var departments = new List<(Organization Unit, string[] Stems, int Next)>();
            for (var d = 0; d < departmentCount; d++)
            {
                var department = Org(Departments[d].Name, OrgKind.WorkUnit, county, $"U{units.Count + 1:000}", d + 1);
                department.ContactPerson = ChineseNames.FullName(random, Pick(Gender.Male, Gender.Female));
                units.Add(department);
                departments.Add((department, Departments[d].Stems, 0));
            }

            // Subordinate units: 县 + a town + the kind of unit, under a random department.
            for (var u = units.Count; u < o.Units; u++)
            {
                var d = random.Next(departments.Count);
                var (department, stems, next) = departments[d];
                departments[d] = (department, stems, next + 1);
                var sort = next + 1;
                string name;
                var tries = 0;
                do
                {
                    var place = places[random.Next(places.Count)];
                    var stem = stems[random.Next(stems.Length)];
                    name = tries < 20 ? $"县{place}{stem}" : $"县{place}第{tries - 18}{stem}";
                    tries++;
                }
                while (names.Contains(name));
                units.Add(Org(name, OrgKind.WorkUnit, department, $"U{u + 1:000}", sort));
            }
            return units;
        }

        private Member NewMember(FakeIdentity identities, Organization community, Organization street, List<Organization> grids,
            List<Organization> units, int[] unitWeights)
        {
            var gender = random.Next(100) < 68 ? Gender.Male : Gender.Female;
            var birth = identities.BirthDate(1960, 2000);
            var roll = random.Next(100);
            var category = roll < 80 ? MemberCategory.InService : roll < 92 ? MemberCategory.SelfManaged : MemberCategory.Floating;

            var adult = birth.AddYears(18);
            var probationStart = o.AsOf.AddYears(-1).AddDays(1);
            var probationary = random.Next(100) < 10 || adult >= probationStart;
            DateOnly joined;
            if (probationary)
            {
                var from = adult > probationStart ? adult : probationStart;
                joined = from > o.AsOf ? o.AsOf : RandomDate(from, o.AsOf);
            }
            else
            {
                joined = RandomDate(adult, probationStart.AddDays(-1));
            }

            var grid = grids[random.Next(grids.Count)];
            var building = $"{random.Next(1, 31)}号楼";
            var room = $"{random.Next(1, 5)}单元{random.Next(1, 19)}{random.Next(1, 5):00}";
            var member = new Member
            {
                Id = NextId(),
                Version = RandomGuid(),
                CreatedAt = stamp,
                UpdatedAt = stamp,
                Name = ChineseNames.FullName(random, gender),
                Gender = gender,
                BirthDate = birth,
                Ethnicity = Weighted(Ethnicities),
                Education = EducationFor(birth, category),
                JoinedPartyOn = joined,
                Status = probationary ? MembershipStatus.Probationary : MembershipStatus.Full,
                Category = category,
                NationalId = identities.NationalId(birth, gender),
                Mobile = identities.Mobile(),
                CommunityId = community.Id,
                StreetId = street.Id,
                GridId = grid.Id,
                Building = building,
                Room = room,
                Address = $"{o.CountyName}{street.Name}{community.Name}{building}{room}",
                Specialties = Specialties(),
                ServiceIntentions = Intentions(),
                FreeTime = random.Next(100) < 80 ? FreeTimes[random.Next(FreeTimes.Length)] : null,
            };
            if (category == MemberCategory.InService)
            {
                member.WorkUnitId = units[PickIndex(unitWeights)].Id;
                member.JobTitle = JobTitles[random.Next(JobTitles.Length)];
            }
            var reading = Rules.Pinyin.Of(member.Name);
            member.NamePinyin = reading.Full;
            member.NameInitials = reading.Initials;
            return member;
        }

        private Education EducationFor(DateOnly birth, MemberCategory category)
        {
            var weights = EducationWeights(category, bornBefore1970: birth.Year < 1970);
            var pick = random.Next(weights.Sum());
            for (var i = 0; i < weights.Length; i++)
            {
                if (pick < weights[i]) return (Education)(i + 1);
                pick -= weights[i];
            }
            return Education.MiddleSchoolOrBelow;
        }

        private string? Specialties()
        {
            var count = random.Next(100) switch { < 40 => 0, < 80 => 1, < 95 => 2, _ => 3 };
            if (count == 0) return null;
            var picked = new List<string>(count);
            while (picked.Count < count)
            {
                var s = SpecialtyList[random.Next(SpecialtyList.Length)];
                if (!picked.Contains(s)) picked.Add(s);
            }
            return string.Join("、", picked);
        }

        private ServiceCategory Intentions()
        {
            var count = random.Next(1, 4);
            var flags = ServiceCategory.None;
            for (var i = 0; i < count; i++) flags |= (ServiceCategory)(1 << random.Next(8));
            return flags;
        }

        private Organization Org(string name, OrgKind kind, Organization? parent, string code, int sortOrder, bool uniqueName = true)
        {
            if (uniqueName) names.Add(name);
            var org = new Organization
            {
                Id = NextId(),
                Version = RandomGuid(),
                CreatedAt = stamp,
                UpdatedAt = stamp,
                Name = name,
                Kind = kind,
                ParentId = parent?.Id,
                Code = code,
                SortOrder = sortOrder,
            };
            organizations.Add(org);
            return org;
        }

        private List<string> Places(int count)
        {
            var places = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                places.Add(i < StreetPlaces.Length
                    ? StreetPlaces[i]
                    : StreetPlaces[i % StreetPlaces.Length] + (i / StreetPlaces.Length + 1).ToString(CultureInfo.InvariantCulture));
            }
            return places;
        }

        private List<string> CommunityNames(int count)
        {
            var all = new List<string>(CommunityFirst.Length * CommunitySecond.Length);
            foreach (var a in CommunityFirst)
            {
                foreach (var b in CommunitySecond)
                {
                    if (a != b) all.Add(string.Concat(a, b));
                }
            }
            Shuffle(all);
            var result = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                result.Add(i < all.Count ? all[i] : all[i % all.Count] + (i / all.Count + 1).ToString(CultureInfo.InvariantCulture));
            }
            return result;
        }

        private void Shuffle<T>(List<T> list)
        {
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }

        private DateOnly RandomDate(DateOnly from, DateOnly to) =>
            to <= from ? from : DateOnly.FromDayNumber(random.Next(from.DayNumber, to.DayNumber + 1));

        private T Pick<T>(T a, T b) => random.Next(2) == 0 ? a : b;

        private string Weighted((string Value, int Weight)[] items)
        {
            var pick = random.Next(items.Sum(i => i.Weight));
            foreach (var (value, weight) in items)
            {
                if (pick < weight) return value;
                pick -= weight;
            }
            return items[^1].Value;
        }

        private static int[] Cumulative(IEnumerable<int> weights)
        {
            var list = new List<int>();
            var total = 0;
            foreach (var w in weights)
            {
                total += w;
                list.Add(total);
            }
            return [.. list];
        }

        private int PickIndex(int[] cumulative)
        {
            var pick = random.Next(cumulative[^1]) + 1;
            var index = Array.BinarySearch(cumulative, pick);
            return index < 0 ? ~index : index;
        }

        /// <summary>A version 7 Guid: time-ordered from the as-of day on, random bits from the seed.</summary>
        private Guid NextId()
        {
            var milliseconds = new DateTimeOffset(stamp).ToUnixTimeMilliseconds() + idClock++;
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            for (var i = 0; i < 6; i++) bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
            bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
            bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
            return new Guid(bytes, bigEndian: true);
        }

        /// <summary>A version 4 (random) Guid from the seed.</summary>
        private Guid RandomGuid()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[6] = (byte)(0x40 | (bytes[6] & 0x0F));
            bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
            return new Guid(bytes, bigEndian: true);
        }
    }
}
