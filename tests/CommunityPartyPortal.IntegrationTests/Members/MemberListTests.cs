using System.Net;
using AngleSharp.Dom;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Members;

/// <summary>GET /members: paging, rosters by category, filters, the one search box, sorting, masking.</summary>
public abstract class MemberListTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static IElement[] Rows(IDocument page) => [.. page.QuerySelectorAll("#member-list tbody tr[data-member-id]")];

    private static Guid[] Ids(IDocument page) => [.. Rows(page).Select(r => Guid.Parse(r.GetAttribute("data-member-id")!))];

    private static int Total(IDocument page) => int.Parse(page.QuerySelector("#member-total")!.TextContent.Trim());

    [Fact]
    public async Task The_list_is_paged_with_the_total_and_a_choice_of_page_size()
    {
        using var county = await portal.ClientFor("county");
        var active = await portal.WithDbAsync(db => db.Members.CountAsync(m => m.MovedOutOn == null));

        var first = await county.GetDocumentAsync("/members");
        Total(first).ShouldBe(active);
        Rows(first).Length.ShouldBe(20);
        first.QuerySelector("#member-title")!.TextContent.ShouldBe("党员名册");
        first.QuerySelectorAll("#member-list thead th").Select(th => th.TextContent.Trim().TrimEnd('▲', '▼', ' '))
            .ShouldBe(["姓名", "性别", "类别", "正式/预备", "身份证号", "手机", "社区/网格", "工作单位", "入党日期", "状态"]);

        var second = await county.GetDocumentAsync("/members?page=2");
        Rows(second).Length.ShouldBe(20);
        Ids(second).Intersect(Ids(first)).ShouldBeEmpty("pages must not overlap");

        var fifty = await county.GetDocumentAsync("/members?size=50");
        Rows(fifty).Length.ShouldBe(50);
        Ids(fifty).Take(20).ShouldBe(Ids(first), "the same order whatever the page size");
        Ids(fifty).Skip(20).Take(20).ShouldBe(Ids(second));

        var hundred = await county.GetDocumentAsync("/members?size=100&page=2");
        Rows(hundred).Length.ShouldBe(100);
        var odd = await county.GetDocumentAsync("/members?size=7");
        Rows(odd).Length.ShouldBe(20, "sizes other than 20/50/100 fall back to 20");

        var last = (active + 99) / 100;
        var beyond = await county.GetDocumentAsync($"/members?size=100&page={last + 10}");
        Rows(beyond).Length.ShouldBe(active - ((last - 1) * 100), "a page past the end shows the last page");
    }

    [Theory]
    [InlineData("name", "asc")]
    [InlineData("name", "desc")]
    [InlineData("joined", "desc")]
    [InlineData("community", "asc")]
    [InlineData("unit", "desc")]
    public async Task Walking_every_page_gives_each_member_once_in_the_chosen_order(string sort, string dir)
    {
        using var county = await portal.ClientFor("county");
        var expected = await portal.WithDbAsync(db =>
        {
            var active = db.Members.AsNoTracking().Where(m => m.MovedOutOn == null);
            var ordered = (sort, dir) switch
            {
                ("name", "asc") => active.OrderBy(m => m.Name).ThenBy(m => m.Id),
                ("name", _) => active.OrderByDescending(m => m.Name).ThenByDescending(m => m.Id),
                ("joined", _) => active.OrderByDescending(m => m.JoinedPartyOn).ThenBy(m => m.Name).ThenBy(m => m.Id),
                ("community", _) => active.OrderBy(m => m.Community!.Code).ThenBy(m => m.Name).ThenBy(m => m.Id),
                _ => active.OrderByDescending(m => m.WorkUnit!.Code).ThenBy(m => m.Name).ThenBy(m => m.Id),
            };
            return ordered.Select(m => m.Id).ToListAsync();
        });

        var walked = new List<Guid>();
        for (var page = 1; page <= (expected.Count + 49) / 50; page++)
        {
            walked.AddRange(Ids(await county.GetDocumentAsync($"/members?sort={sort}&dir={dir}&size=50&page={page}")));
        }
        walked.ShouldBe(expected, "pages past the middle are read backwards and must still line up");
    }

    [Theory]
    [InlineData(MemberCategory.InService, "在职党员名册")]
    [InlineData(MemberCategory.SelfManaged, "自管党员名册")]
    [InlineData(MemberCategory.Floating, "流动党员名册")]
    public async Task Each_category_is_a_roster(MemberCategory category, string title)
    {
        using var county = await portal.ClientFor("county");
        var expected = await portal.WithDbAsync(db => db.Members.CountAsync(m => m.MovedOutOn == null && m.Category == category));
        expected.ShouldBeGreaterThan(0);

        var page = await county.GetDocumentAsync($"/members?category={category}&size=100");
        page.QuerySelector("#member-title")!.TextContent.ShouldBe(title);
        page.Title!.ShouldContain(title);
        Total(page).ShouldBe(expected);
        Rows(page).Select(r => r.Children[2].TextContent.Trim()).Distinct().ShouldBe([EnumText.Text(category)]);
    }

    [Fact]
    public async Task The_secretary_filters_by_grid_and_sees_only_the_community()
    {
        using var secretary = await portal.ClientFor("secretary");
        var account = await MembersTestData.UserAsync(portal, "secretary");
        var grid = await MembersTestData.GridOfAsync(portal, account.OrganizationId);
        var expected = await portal.WithDbAsync(db => db.Members.CountAsync(m => m.MovedOutOn == null && m.GridId == grid.Id));

        var page = await secretary.GetDocumentAsync("/members");
        page.QuerySelector("select[name=community]").ShouldBeNull("a secretary has one community");
        page.QuerySelectorAll("select[name=grid] option").Length.ShouldBeGreaterThan(1);

        var filtered = await secretary.GetDocumentAsync($"/members?grid={grid.Id}&size=100");
        Total(filtered).ShouldBe(expected);
        Rows(filtered).ShouldAllBe(r => r.Children[6].TextContent.Contains(grid.Name));
    }

    [Fact]
    public async Task The_county_filters_by_community_and_work_unit()
    {
        using var county = await portal.ClientFor("county");
        var secretary = await MembersTestData.UserAsync(portal, "secretary");
        var unit = await MembersTestData.UserAsync(portal, "unit");
        var (inCommunity, inUnitTree) = await portal.WithDbAsync(async db =>
        {
            var units = await db.Organizations.Where(o => o.Id == unit.OrganizationId || o.ParentId == unit.OrganizationId).Select(o => (Guid?)o.Id).ToListAsync();
            return (await db.Members.CountAsync(m => m.MovedOutOn == null && m.CommunityId == secretary.OrganizationId),
                    await db.Members.CountAsync(m => m.MovedOutOn == null && units.Contains(m.WorkUnitId)));
        });

        var page = await county.GetDocumentAsync($"/members?community={secretary.OrganizationId}");
        Total(page).ShouldBe(inCommunity);
        page.QuerySelectorAll("select[name=grid] option").Length.ShouldBeGreaterThan(1, "grids appear once a community is chosen");

        var byUnit = await county.GetDocumentAsync($"/members?unit={unit.OrganizationId}");
        Total(byUnit).ShouldBe(inUnitTree, "a department stands for itself and its subordinate units");
    }

    [Fact]
    public async Task Search_by_name_phone_tail_and_id_tail()
    {
        using var county = await portal.ClientFor("county");
        var target = await portal.WithDbAsync(db => db.Members.AsNoTracking()
            .Where(m => m.MovedOutOn == null && m.NationalId.EndsWith("X")).OrderBy(m => m.Id).FirstAsync());

        var byName = await county.GetDocumentAsync($"/members?q={Uri.EscapeDataString(target.Name)}&size=100");
        Ids(byName).ShouldContain(target.Id);
        Rows(byName).ShouldAllBe(r => r.Children[0].TextContent.Contains(target.Name));

        var surname = target.Name[..1];
        var bySurname = await county.GetDocumentAsync($"/members?q={Uri.EscapeDataString(surname)}&size=100");
        Rows(bySurname).ShouldAllBe(r => r.Children[0].TextContent.Contains(surname));
        Total(bySurname).ShouldBeGreaterThanOrEqualTo(Total(byName));

        var phoneTail = target.Mobile[^4..];
        var byPhone = await county.GetDocumentAsync($"/members?q={phoneTail}&size=100");
        Ids(byPhone).ShouldContain(target.Id);
        var expectedByPhone = await portal.WithDbAsync(db => db.Members.CountAsync(m => m.MovedOutOn == null && (m.Mobile.EndsWith(phoneTail) || m.NationalId.EndsWith(phoneTail))));
        Total(byPhone).ShouldBe(expectedByPhone);

        var wholePhone = await county.GetDocumentAsync($"/members?q={target.Mobile}");
        Ids(wholePhone).ShouldBe([target.Id]);

        var idTail = target.NationalId[^6..].ToLowerInvariant(); // "…x": digits + X, case-insensitive
        var byId = await county.GetDocumentAsync($"/members?q={idTail}");
        Ids(byId).ShouldContain(target.Id);
        var lastFour = target.NationalId.Substring(target.NationalId.Length - 4);
        Rows(byId).ShouldAllBe(r => r.Children[4].TextContent.Trim().EndsWith(lastFour));

        var wholeId = await county.GetDocumentAsync($"/members?q={target.NationalId}");
        Ids(wholeId).ShouldBe([target.Id]);

        var none = await county.GetDocumentAsync("/members?q=没有这个人名");
        Total(none).ShouldBe(0);
        none.QuerySelector("#member-empty")!.TextContent.ShouldContain("没有符合条件的党员");
        none.QuerySelector("#member-list").ShouldBeNull();
    }

    [Fact]
    public async Task Columns_sort_both_ways_and_headers_link_to_the_other_direction()
    {
        using var county = await portal.ClientFor("county");
        var asc = await county.GetDocumentAsync("/members?sort=joined&size=50");
        var dates = Rows(asc).Select(r => DateOnly.Parse(r.Children[8].TextContent.Trim())).ToList();
        dates.ShouldBe(dates.Order().ToList());
        var header = asc.QuerySelectorAll("#member-list thead a").Single(a => a.TextContent.Contains("入党日期"));
        header.GetAttribute("href")!.ShouldContain("dir=desc");

        var desc = await county.GetDocumentAsync("/members?sort=joined&dir=desc&size=50");
        var descDates = Rows(desc).Select(r => DateOnly.Parse(r.Children[8].TextContent.Trim())).ToList();
        descDates.ShouldBe(descDates.OrderDescending().ToList());
        descDates[0].ShouldBeGreaterThanOrEqualTo(dates[^1]);

        foreach (var key in new[] { "name", "category", "community", "unit" })
        {
            foreach (var dir in new[] { "asc", "desc" })
            {
                var response = await county.GetAsync($"/members?sort={key}&dir={dir}&page=3");
                response.StatusCode.ShouldBe(HttpStatusCode.OK, $"sort={key} dir={dir}");
            }
        }
        var byCategory = await county.GetDocumentAsync("/members?sort=category&dir=desc&size=20");
        Rows(byCategory).First().Children[2].TextContent.Trim().ShouldBe(EnumText.Text(MemberCategory.Floating));
    }

    [Fact]
    public async Task The_list_masks_every_id_and_phone()
    {
        using var county = await portal.ClientFor("county");
        var page = await county.GetDocumentAsync("/members?size=100");
        var ids = Ids(page);
        var members = await portal.WithDbAsync(db => db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        var html = page.Body!.InnerHtml;
        foreach (var m in members)
        {
            html.ShouldNotContain(m.NationalId);
            html.ShouldNotContain(m.Mobile);
            var row = Rows(page).Single(r => r.GetAttribute("data-member-id") == m.Id.ToString());
            row.Children[4].TextContent.Trim().ShouldBe(Masking.NationalId(m.NationalId));
            row.Children[5].TextContent.Trim().ShouldBe(Masking.Mobile(m.Mobile));
        }
    }

    [Fact]
    public async Task Members_and_me_redirects()
    {
        using var member = await portal.ClientFor("member");
        var account = await MembersTestData.UserAsync(portal, "member");
        var me = await member.GetAsync("/members/me");
        me.StatusCode.ShouldBe(HttpStatusCode.Found);
        me.Headers.Location!.OriginalString.ShouldBe($"/members/{account.MemberId}");
        (await member.GetAsync("/members")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var own = await member.GetDocumentAsync($"/members/{account.MemberId}");
        own.QuerySelector("#member-actions").ShouldBeNull("a member sees its own record read-only");
        own.QuerySelector("#member-name")!.TextContent.ShouldBe(account.DisplayName);

        using var county = await portal.ClientFor("county");
        var staff = await county.GetAsync("/members/me");
        staff.StatusCode.ShouldBe(HttpStatusCode.Found);
        staff.Headers.Location!.OriginalString.ShouldBe("/members");
    }
}

public sealed class SqliteMemberListTests(SqlitePortal portal) : MemberListTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresMemberListTests(PostgresPortal portal) : MemberListTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
