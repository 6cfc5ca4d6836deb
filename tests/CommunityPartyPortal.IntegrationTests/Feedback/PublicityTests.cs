using System.Net;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using CommunityPartyPortal.IntegrationTests.Members;
using CommunityPartyPortal.Web.Features.Publicity;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Feedback.FeedbackInboxTestData;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;

namespace CommunityPartyPortal.IntegrationTests.Feedback;

/// <summary>
/// 公示 through HTTP: the unit creates a list of its members; the members' residential community (and the member) see
/// the entries; another community and a third unit see nothing (404 on the publicity); bad input refused, nothing written.
/// </summary>
public abstract class PublicityTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private Task<int> CountAsync() => portal.WithDbAsync(async db => await db.Publicities.AsNoTracking().CountAsync() * 1000 + await db.PublicityEntries.AsNoTracking().CountAsync());

    private List<KeyValuePair<string, string>> Fields(params Guid[] members)
    {
        var start = Today(portal);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Title", "预备党员转正公示"), new("Kind", "预备党员转正"), new("StartsOn", Iso(start)), new("EndsOn", Iso(start.AddDays(4))),
            new("Honour", "拟转为正式党员"), new("Note", "公示期内如有异议请向单位党委反映"),
        };
        fields.AddRange(members.Select(m => new KeyValuePair<string, string>("MemberIds", m.ToString())));
        return fields;
    }

    [Fact]
    public async Task The_unit_publishes_and_the_residential_community_sees_it_another_community_and_a_third_unit_do_not()
    {
        var (a, b) = (await UnitMemberAsync(portal, "公甲"), await UnitMemberAsync(portal, "公乙"));
        using var unit = await portal.ClientFor("unit");
        var response = await unit.PostFormAsync("/publicity/new", Fields(a.Id, b.Id), "/publicity/new");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, ErrorMessages(await response.Content.ReadAsStringAsync()));
        var id = Guid.Parse(response.Headers.Location!.OriginalString["/publicity/".Length..]);

        var community = await CommunityOfAsync(portal, "secretary");
        var saved = await portal.WithDbAsync(db => db.Publicities.AsNoTracking().SingleAsync(p => p.Id == id));
        (saved.Kind, saved.Title, saved.Year, saved.EndsOn).ShouldBe(("预备党员转正", "预备党员转正公示", Today(portal).Year, Today(portal).AddDays(4)));
        saved.WorkUnitId.ShouldBe((await TestMembers.UserAsync(portal, "unit")).OrganizationId);
        var entries = await portal.WithDbAsync(db => db.PublicityEntries.AsNoTracking().Where(e => e.PublicityId == id).ToListAsync());
        entries.Select(e => e.MemberId).ShouldBe([a.Id, b.Id], ignoreOrder: true);
        entries.ShouldAllBe(e => e.CommunityId == community && e.Honour == "拟转为正式党员");
        (await AuditDetailsAsync(portal, "Publicity.create", id)).Count.ShouldBe(1);

        (await unit.GetDocumentAsync("/publicity")).QuerySelector($"#publicity-table tr[data-publicity-id='{id}']").ShouldNotBeNull();
        var details = await unit.GetDocumentAsync($"/publicity/{id}");
        details.QuerySelectorAll("#publicity-members tbody tr").Length.ShouldBe(2);

        using var secretary = await portal.ClientFor("secretary");
        var rows = (await secretary.GetDocumentAsync("/publicity")).QuerySelectorAll($"#publicity-entries tr[data-publicity-id='{id}']");
        rows.Select(r => r.QuerySelector(".member")!.TextContent).ShouldBe([a.Name, b.Name], ignoreOrder: true);
        rows[0].TextContent.ShouldContain("预备党员转正公示");
        (await secretary.GetDocumentAsync($"/publicity/{id}")).QuerySelector("#publicity-title")!.TextContent.ShouldBe("预备党员转正公示");

        using var street = await portal.ClientFor("street");
        (await street.GetDocumentAsync("/publicity")).QuerySelectorAll($"#publicity-entries tr[data-publicity-id='{id}']").Length.ShouldBe(2);

        using var secretary2 = await portal.ClientFor("secretary2");
        (await secretary2.GetDocumentAsync("/publicity")).QuerySelector($"tr[data-publicity-id='{id}']").ShouldBeNull();
        (await secretary2.GetAsync($"/publicity/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var other = await OtherUnitAsync(portal);
        (await other.GetDocumentAsync("/publicity")).QuerySelector($"tr[data-publicity-id='{id}']").ShouldBeNull();
        (await other.GetAsync($"/publicity/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_publicities_are_refused_and_nothing_is_written()
    {
        var member = await UnitMemberAsync(portal, "公丙");
        var outsider = await TestMembers.AddMemberAsync(portal, await CommunityOfAsync(portal, "secretary"), await MembersTestData.UnitOutsideAsync(portal), id => "外单位" + id[^4..]);
        using var unit = await portal.ClientFor("unit");
        async Task<AngleSharp.Dom.IDocument> RefusedAsync(List<KeyValuePair<string, string>> fields)
        {
            var before = await CountAsync();
            var page = await ShouldBeFormWithErrorsAsync(await unit.PostFormAsync("/publicity/new", fields, "/publicity/new"));
            (await CountAsync()).ShouldBe(before);
            return page;
        }

        FieldError(await RefusedAsync(Fields(member.Id).With("EndsOn", Iso(Today(portal).AddDays(-1)))), "EndsOn").ShouldBe("公示结束日期不能早于开始日期");
        FieldError(await RefusedAsync(Fields()), "MemberIds").ShouldBe(CreatePublicity.NoMember);
        FieldError(await RefusedAsync(Fields(outsider.Id)), "MemberIds").ShouldBe(CreatePublicity.UnknownMember);
        FieldError(await RefusedAsync(Fields(member.Id).With("Title", "  ")), "Title").ShouldBe("请填写公示标题");
        FieldError(await RefusedAsync(Fields(member.Id).With("Kind", "随便")), "Kind").ShouldBe("请选择公示类别");

        // The secretary may not create one.
        using var secretary = await portal.ClientFor("secretary");
        (await secretary.GetAsync("/publicity/new")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}

public sealed class SqlitePublicityTests(SqlitePortal portal) : PublicityTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresPublicityTests(PostgresPortal portal) : PublicityTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
