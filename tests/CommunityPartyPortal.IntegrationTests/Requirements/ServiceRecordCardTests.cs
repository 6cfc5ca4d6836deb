using System.Net;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Domain.Service.Requirements;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using CommunityPartyPortal.IntegrationTests.Reporting;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.ServiceRecords.ServiceRecordTestData;

namespace CommunityPartyPortal.IntegrationTests.Requirements;

/// <summary>写实登记卡 PDFs read back with pdftotext: one member, a batch, masking by the PII permission, other tenants 404.</summary>
public abstract class ServiceRecordCardTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private const int Year = 2025;

    [Fact]
    public async Task The_card_shows_the_member_the_serial_the_records_the_totals_and_the_rules()
    {
        await SetRulesAsync(portal, Year, RequirementPresets.Seed000);
        var member = await AddMemberAsync(portal);
        await AddRecordAsync(portal, member, new DateOnly(Year, 3, 1), 150, content: "楼道清扫");
        await AddRecordAsync(portal, member, new DateOnly(Year, 4, 1), 330, content: "政策宣讲");
        await AddRecordAsync(portal, member, new DateOnly(Year, 5, 1), 60, RecordStatus.Pending, content: "待确认服务");

        using var secretary = await portal.ClientFor("secretary");
        var pdf = await PdfText.ReadAsync(await secretary.GetAsync($"/requirements/member/{member.Id}/card.pdf?year={Year}"), "service-card");
        pdf.Compact.ShouldContain(member.Name);
        pdf.Compact.ShouldMatch($"{Year}-写实-\\d{{6}}");
        pdf.Compact.ShouldContain("楼道清扫");
        pdf.Compact.ShouldContain("待确认服务");
        pdf.Compact.ShouldContain("8.0", customMessage: "2.5 + 5.5 confirmed hours; the pending hour is not totalled");
        pdf.Compact.ShouldContain("2次");
        pdf.Compact.ShouldContain("每年参加社区活动时间不少于5天");
        pdf.Compact.ShouldContain(member.Mobile, customMessage: "the secretary may see personal data");

        // The unit admin may not: the phone is masked.
        using var unit = await portal.ClientFor("unit");
        var masked = await PdfText.ReadAsync(await unit.GetAsync($"/requirements/member/{member.Id}/card.pdf?year={Year}"), "service-card-masked");
        masked.Compact.ShouldContain(Masking.Mobile(member.Mobile));
        masked.Compact.ShouldNotContain(member.Mobile);
        masked.Compact.ShouldContain(member.Name);

        // Each print is a new document with its own serial.
        var serial = System.Text.RegularExpressions.Regex.Match(pdf.Compact, $"{Year}-写实-\\d{{6}}").Value;
        masked.Compact.ShouldNotContain(serial);
    }

    [Fact]
    public async Task A_batch_prints_the_ticked_members_or_the_whole_community_and_nothing_of_another()
    {
        var a = await AddMemberAsync(portal);
        var b = await AddMemberAsync(portal);
        var other = await AddMemberAsync(portal, "secretary2", await MembersTestData.UnitOutsideAsync(portal));
        await AddRecordAsync(portal, a, new DateOnly(Year, 6, 1), 60);
        using var secretary = await portal.ClientFor("secretary");
        var fields = new List<KeyValuePair<string, string>> { new("memberIds", a.Id.ToString()), new("memberIds", b.Id.ToString()), new("year", Year.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        var batch = await PdfText.ReadAsync(await secretary.PostFormAsync("/requirements/cards.pdf", fields, "/service-records"), "service-card-batch");
        batch.Compact.ShouldContain(a.Name);
        batch.Compact.ShouldContain(b.Name);
        System.Text.RegularExpressions.Regex.Matches(batch.Compact, $"{Year}-写实-\\d{{6}}").Select(m => m.Value).Distinct().Count().ShouldBe(2);

        var all = await PdfText.ReadAsync(await secretary.PostFormAsync("/requirements/cards.pdf",
            [new("all", "true"), new("year", Year.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/service-records"), "service-card-all");
        all.Compact.ShouldContain(a.Name);
        all.Compact.ShouldContain(b.Name);
        all.Compact.ShouldNotContain(other.Name);

        fields.Add(new("memberIds", other.Id.ToString()));
        (await secretary.PostFormAsync("/requirements/cards.pdf", fields, "/service-records")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.GetAsync($"/requirements/member/{other.Id}/card.pdf?year={Year}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var secretary2 = await portal.ClientFor("secretary2");
        (await secretary2.GetAsync($"/requirements/member/{a.Id}/card.pdf?year={Year}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var member = await portal.ClientFor("member");
        (await member.GetAsync($"/requirements/member/{a.Id}/card.pdf?year={Year}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await member.PostFormAsync("/requirements/cards.pdf", fields, "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteServiceRecordCardTests(SqlitePortal portal) : ServiceRecordCardTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresServiceRecordCardTests(PostgresPortal portal) : ServiceRecordCardTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
