using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Seeding;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Database;

/// <summary>The synthetic county is deterministic and plausible, and the bulk loader stores it on every provider.</summary>
public sealed class SyntheticCountyTests
{
    private static readonly SyntheticCountyOptions Small = new() { Members = 2_000, Streets = 4, Communities = 12, Units = 40, Seed = 7 };

    private static readonly Lazy<SyntheticCounty> Full = new(() => SyntheticCounty.Build(new SyntheticCountyOptions()));

    [Fact]
    public void Same_options_build_the_same_county()
    {
        var a = SyntheticCounty.Build(Small);
        var b = SyntheticCounty.Build(Small);
        Describe(a).ShouldBe(Describe(b));

        var other = SyntheticCounty.Build(Small with { Seed = 8 });
        Describe(other).ShouldNotBe(Describe(a));
    }

    [Fact]
    public void Default_county_has_the_requested_shape()
    {
        var county = Full.Value;
        var o = county.Options;
        var orgs = county.Organizations;
        county.Members.Count.ShouldBe(o.Members);
        orgs.Count(x => x.Kind == OrgKind.County).ShouldBe(1);
        orgs.Count(x => x.Kind == OrgKind.Street).ShouldBe(o.Streets);
        orgs.Count(x => x.Kind == OrgKind.Community).ShouldBe(o.Communities);
        orgs.Count(x => x.Kind == OrgKind.WorkUnit).ShouldBe(o.Units);
        orgs.Select(x => x.Code).Distinct(StringComparer.Ordinal).Count().ShouldBe(orgs.Count);
        orgs.Select(x => x.Id).Distinct().Count().ShouldBe(orgs.Count);

        var byId = orgs.ToDictionary(x => x.Id);
        var root = orgs.Single(x => x.Kind == OrgKind.County);
        root.Code.ShouldBe("C");
        foreach (var street in orgs.Where(x => x.Kind == OrgKind.Street))
        {
            street.ParentId.ShouldBe(root.Id);
            street.Name.ShouldMatch("(街道|镇)$");
            street.Code.ShouldMatch(@"^S\d{2}$");
            orgs.Count(x => x.ParentId == street.Id).ShouldBeGreaterThan(0, $"{street.Name} has no community");
        }
        foreach (var community in orgs.Where(x => x.Kind == OrgKind.Community))
        {
            byId[community.ParentId!.Value].Kind.ShouldBe(OrgKind.Street);
            community.Name.ShouldEndWith("社区");
            community.Code.ShouldStartWith(byId[community.ParentId.Value].Code + "-C");
            orgs.Count(x => x.ParentId == community.Id && x.Kind == OrgKind.Grid).ShouldBeInRange(3, 6);
        }
        foreach (var grid in orgs.Where(x => x.Kind == OrgKind.Grid))
        {
            grid.Name.ShouldMatch(@"^第\d网格$");
            grid.Code.ShouldStartWith(byId[grid.ParentId!.Value].Code + "-G");
        }
        var departments = orgs.Where(x => x.Kind == OrgKind.WorkUnit && x.ParentId == root.Id).ToList();
        departments.Count.ShouldBe(25);
        departments.ShouldAllBe(d => d.Name.StartsWith('县') && (d.Name.EndsWith('局') || d.Name.EndsWith('委') || d.Name.EndsWith("委员会") || d.Name.EndsWith("办公室")));
        foreach (var unit in orgs.Where(x => x.Kind == OrgKind.WorkUnit && x.ParentId != root.Id))
        {
            departments.ShouldContain(d => d.Id == unit.ParentId);
            unit.Name.ShouldMatch("^县.+(中心|所|站|学校|中学|小学|医院|卫生院|中队)$");
        }
        orgs.Where(x => x.Kind == OrgKind.WorkUnit).Select(x => x.Name).Distinct(StringComparer.Ordinal).Count().ShouldBe(o.Units);

        // Parents come before children, as the loader needs.
        var seen = new HashSet<Guid>();
        foreach (var org in orgs)
        {
            if (org.ParentId is { } parent) seen.ShouldContain(parent);
            seen.Add(org.Id);
        }
    }

    [Fact]
    public void Members_have_valid_unique_identities()
    {
        var county = Full.Value;
        var today = county.Options.AsOf;
        var members = county.Members;
        var mobile = new Regex(@"^1[3-9]\d{9}$");

        foreach (var m in members)
        {
            NationalId.IsValid(m.NationalId, today).ShouldBeTrue(m.NationalId);
            NationalId.BirthDate(m.NationalId).ShouldBe(m.BirthDate);
            NationalId.IsMale(m.NationalId).ShouldBe(m.Gender == Gender.Male);
            m.BirthDate.Year.ShouldBeInRange(1960, 2000);
            m.JoinedPartyOn.ShouldBeGreaterThanOrEqualTo(m.BirthDate.AddYears(18));
            m.JoinedPartyOn.ShouldBeLessThanOrEqualTo(today);
            if (m.Status == MembershipStatus.Probationary) m.JoinedPartyOn.ShouldBeGreaterThan(today.AddYears(-1));
            mobile.IsMatch(m.Mobile).ShouldBeTrue(m.Mobile);
            m.Name.Length.ShouldBeInRange(2, 4);
            m.ServiceIntentions.ShouldNotBe(ServiceCategory.None);
        }
        members.Select(m => m.NationalId).Distinct(StringComparer.Ordinal).Count().ShouldBe(members.Count);
        members.Select(m => m.Mobile).Distinct(StringComparer.Ordinal).Count().ShouldBe(members.Count);
        members.Select(m => m.Id).Distinct().Count().ShouldBe(members.Count);
        members.Count(m => m.NationalId.StartsWith("610322", StringComparison.Ordinal)).ShouldBeGreaterThan(members.Count * 3 / 4);
    }

    [Fact]
    public void Members_are_spread_plausibly()
    {
        var county = Full.Value;
        var members = county.Members;
        var byId = county.Organizations.ToDictionary(o => o.Id);
        double Share(Func<Member, bool> predicate) => members.Count(predicate) / (double)members.Count;

        Share(m => m.Category == MemberCategory.InService).ShouldBeInRange(0.78, 0.82);
        Share(m => m.Category == MemberCategory.SelfManaged).ShouldBeInRange(0.10, 0.14);
        Share(m => m.Category == MemberCategory.Floating).ShouldBeInRange(0.065, 0.095);
        Share(m => m.Status == MembershipStatus.Probationary).ShouldBeInRange(0.08, 0.12);
        Share(m => m.Ethnicity == "汉族").ShouldBeGreaterThan(0.9);
        Share(m => m.Gender == Gender.Male).ShouldBeInRange(0.5, 0.8);

        foreach (var m in members)
        {
            var community = byId[m.CommunityId!.Value];
            community.Kind.ShouldBe(OrgKind.Community);
            m.StreetId.ShouldBe(community.ParentId);
            var grid = byId[m.GridId!.Value];
            grid.Kind.ShouldBe(OrgKind.Grid);
            grid.ParentId.ShouldBe(community.Id);
            m.Building.ShouldNotBeNullOrEmpty();
            m.Room.ShouldNotBeNullOrEmpty();
            if (m.Category == MemberCategory.InService)
            {
                m.WorkUnitId.ShouldNotBeNull();
                byId[m.WorkUnitId.Value].Kind.ShouldBe(OrgKind.WorkUnit);
            }
            else
            {
                m.WorkUnitId.ShouldBeNull();
            }
        }

        var surnames = members.Select(m => ChineseNames.Surnames.Where(s => m.Name.StartsWith(s, StringComparison.Ordinal)).MaxBy(s => s.Length)!).ToList();
        var top = surnames.GroupBy(s => s).OrderByDescending(g => g.Count()).Take(5).Select(g => g.Key).ToList();
        top.ShouldContain("王");
        top.ShouldContain("李");
        top.ShouldContain("张");
        surnames.ShouldContain("欧阳");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Bulk_loaded_county_reads_back_through_the_context(DatabaseProvider provider)
    {
        var county = SyntheticCounty.Build(Small);
        var connectionString = await TestDatabases.NewMigratedAsync(provider, "bulk");
        var before = DateTime.UtcNow.AddSeconds(-1);

        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            await BulkLoader.LoadAsync(db, county.Organizations, county.Members, CancellationToken.None);
        }

        await using (var db = TestDatabases.Context(provider, connectionString))
        {
            (await db.Organizations.CountAsync()).ShouldBe(county.Organizations.Count);
            (await db.Members.CountAsync()).ShouldBe(county.Members.Count);
            (await db.AuditEntries.CountAsync()).ShouldBe(0);
            foreach (var category in Enum.GetValues<MemberCategory>())
            {
                (await db.Members.CountAsync(m => m.Category == category)).ShouldBe(county.Members.Count(m => m.Category == category));
            }
            var street = county.Organizations.First(o => o.Kind == OrgKind.Street);
            (await db.Members.CountAsync(m => m.StreetId == street.Id)).ShouldBe(county.Members.Count(m => m.StreetId == street.Id));
            var unit = county.Members.First(m => m.WorkUnitId != null).WorkUnitId;
            (await db.Members.CountAsync(m => m.WorkUnitId == unit)).ShouldBe(county.Members.Count(m => m.WorkUnitId == unit));
            var born = new DateOnly(1980, 1, 1);
            (await db.Members.CountAsync(m => m.BirthDate < born)).ShouldBe(county.Members.Count(m => m.BirthDate < born));

            // Every stored value reads back as written, so the loader wrote what EF itself would write.
            var sample = county.Members.Where((_, i) => i % 97 == 0).ToList();
            var ids = sample.Select(m => m.Id).ToList();
            var stored = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
            stored.Count.ShouldBe(sample.Count);
            foreach (var m in sample)
            {
                var s = stored[m.Id];
                s.CreatedAt.ShouldBeGreaterThan(before);
                Describe(s, utc: true).ShouldBe(Describe(m, utc: true));
            }
            var orgs = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id);
            foreach (var o in county.Organizations) Describe(orgs[o.Id], utc: true).ShouldBe(Describe(o, utc: true));

            // A bulk-loaded member can be edited through the context (the version was stored).
            var edited = await db.Members.SingleAsync(m => m.Id == sample[0].Id);
            edited.Name = "测试改名";
            await db.SaveChangesAsync();
        }
    }

    private static string Describe(SyntheticCounty county) =>
        string.Join("\n", county.Organizations.Select(o => Describe(o)).Concat(county.Members.Select(m => Describe(m))));

    /// <summary>Every scalar property, in a stable text form (DateTime as UTC microseconds when <paramref name="utc"/>).</summary>
    private static string Describe(object entity, bool utc = false)
    {
        var values = entity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsValueType || p.PropertyType == typeof(string))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.GetValue(entity) switch
            {
                null => "null",
                DateTime d when utc => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            });
        return string.Join("|", values);
    }
}
