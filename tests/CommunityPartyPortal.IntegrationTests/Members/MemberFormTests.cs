using System.Net;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Members.MembersTestData;

namespace CommunityPartyPortal.IntegrationTests.Members;

/// <summary>新增/编辑党员: validation in Chinese with nothing written, scope rules of the form, concurrency.</summary>
public abstract class MemberFormTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    [Fact]
    public async Task A_wrong_check_digit_is_refused_and_the_fixed_id_saves()
    {
        using var county = await portal.ClientFor("county");
        var form = await ValidFormForSecretaryAsync(portal);
        form["Name"] = "校验位测试";
        form["NationalId"] = "110105194912310021";
        form["JoinedPartyOn"] = "1975-07-01";
        form.Remove("Gender");
        var before = await MemberCountAsync(portal);

        var refused = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync("/members/new", form));
        FieldError(refused, "NationalId").ShouldBe("身份证号校验位不正确，请核对");
        refused.QuerySelector("input[name=Name]")!.GetAttribute("value").ShouldBe("校验位测试", "the form keeps what was typed");
        (await MemberCountAsync(portal)).ShouldBe(before);

        form["NationalId"] = "11010519491231002X";
        var id = await ShouldRedirectToMemberAsync(await county.PostFormAsync("/members/new", form));
        var saved = await MemberAsync(portal, id);
        saved.NationalId.ShouldBe("11010519491231002X");
        saved.Gender.ShouldBe(Gender.Female, "derived from the ID when left empty");
        saved.BirthDate.ShouldBe(new DateOnly(1949, 12, 31));
        saved.ServiceIntentions.ShouldBe(ServiceCategory.LegalAid);
        var street = await portal.WithDbAsync(db => db.Organizations.Where(o => o.Id == saved.CommunityId).Select(o => o.ParentId).SingleAsync());
        saved.StreetId.ShouldBe(street, "the street follows the community");
        (await AuditCountAsync(portal, "Member.create", id)).ShouldBe(1);

        var page = await county.GetDocumentAsync($"/members/{id}");
        page.QuerySelector(".alert-success")!.TextContent.ShouldContain("已保存");
        page.QuerySelector("#member-name")!.TextContent.ShouldBe("校验位测试");
    }

    [Fact]
    public async Task Every_rule_has_a_chinese_message_and_nothing_is_written()
    {
        using var county = await portal.ClientFor("county");
        var form = await ValidFormForSecretaryAsync(portal);
        var male = NewNationalId(male: true, birth: new DateOnly(1990, 5, 20));
        form["NationalId"] = male;
        form["Name"] = "";
        form["Gender"] = nameof(Gender.Female);
        form["BirthDate"] = "1990-05-21";
        form["JoinedPartyOn"] = "2008-05-19";
        form["Mobile"] = "12345678901";
        form["Category"] = nameof(MemberCategory.InService);
        form["WorkUnitId"] = "";
        form["Education"] = "";
        var otherCommunity = (await UserAsync(portal, "secretary2")).OrganizationId;
        form["GridId"] = (await GridOfAsync(portal, otherCommunity)).Id.ToString();
        var before = await MemberCountAsync(portal);

        var page = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync("/members/new", form));
        FieldError(page, "Name").ShouldBe("请填写姓名");
        FieldError(page, "Gender").ShouldBe("性别与身份证号不一致");
        FieldError(page, "BirthDate").ShouldBe("出生日期与身份证号不一致");
        FieldError(page, "Mobile").ShouldStartWith("手机号码应为");
        FieldError(page, "WorkUnitId").ShouldBe("在职党员须填写工作单位");
        FieldError(page, "Education").ShouldBe("请选择学历");
        FieldError(page, "GridId").ShouldBe("所选网格不属于所选社区");
        (await MemberCountAsync(portal)).ShouldBe(before);

        form["Name"] = "年龄测试";
        form.Remove("Gender");
        form.Remove("BirthDate");
        form["Mobile"] = NewMobile();
        form["Education"] = nameof(Education.College);
        form["WorkUnitId"] = (await UnitInsideAsync(portal)).ToString();
        form["GridId"] = "";
        var underage = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync("/members/new", form));
        FieldError(underage, "JoinedPartyOn").ShouldBe("入党日期应在年满18周岁之后");

        form["JoinedPartyOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd");
        var future = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync("/members/new", form));
        FieldError(future, "JoinedPartyOn").ShouldBe("入党日期不能晚于今天");

        form["JoinedPartyOn"] = "";
        var missing = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync("/members/new", form));
        FieldError(missing, "JoinedPartyOn").ShouldBe("请填写入党日期");
        (await MemberCountAsync(portal)).ShouldBe(before);

        form["JoinedPartyOn"] = "2008-05-20";
        var id = await ShouldRedirectToMemberAsync(await county.PostFormAsync("/members/new", form));
        (await MemberAsync(portal, id)).Gender.ShouldBe(Gender.Male);
    }

    [Fact]
    public async Task A_national_id_already_in_the_county_is_refused_without_saying_whose()
    {
        // The holder lives in another street: the secretary cannot see it, the check still finds it.
        var other = await UserAsync(portal, "secretary2");
        var holder = await portal.WithDbAsync(db => AnyActiveMemberOfAsync(db, other.OrganizationId));
        using var secretary = await portal.ClientFor("secretary");
        var form = await ValidFormForSecretaryAsync(portal);
        form["NationalId"] = holder.NationalId;
        form.Remove("Gender");
        var before = await MemberCountAsync(portal);

        var page = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/members/new", form));
        FieldError(page, "NationalId").ShouldBe("该身份证号已登记");
        page.Body!.TextContent.ShouldNotContain(holder.Name);
        (await MemberCountAsync(portal)).ShouldBe(before);
    }

    [Fact]
    public async Task A_secretary_registers_members_of_its_own_community_only()
    {
        using var secretary = await portal.ClientFor("secretary");
        var own = (await UserAsync(portal, "secretary")).OrganizationId;
        var otherCommunity = (await UserAsync(portal, "secretary2")).OrganizationId;
        var newPage = await secretary.GetDocumentAsync("/members/new");
        newPage.QuerySelector("#community-fixed").ShouldNotBeNull();
        newPage.QuerySelector("input[type=hidden][name=CommunityId]")!.GetAttribute("value").ShouldBe(own.ToString());
        newPage.QuerySelectorAll("select[name=GridId] option[data-community]").ShouldAllBe(o => o.GetAttribute("data-community") == own.ToString());

        var form = await ValidFormForSecretaryAsync(portal);
        form["CommunityId"] = otherCommunity.ToString();
        form["GridId"] = "";
        var before = await MemberCountAsync(portal);
        var page = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync("/members/new", form));
        FieldError(page, "CommunityId").ShouldBe("社区书记只能登记本社区的党员");
        (await MemberCountAsync(portal)).ShouldBe(before);

        form.Remove("CommunityId");
        var id = await ShouldRedirectToMemberAsync(await secretary.PostFormAsync("/members/new", form));
        (await MemberAsync(portal, id)).CommunityId.ShouldBe(own, "the secretary's community is forced");
    }

    [Fact]
    public async Task A_unit_admin_picks_units_of_its_own_subtree_only()
    {
        using var unit = await portal.ClientFor("unit");
        var account = await UserAsync(portal, "unit");
        var outside = await UnitOutsideAsync(portal);
        var newPage = await unit.GetDocumentAsync("/members/new");
        var offered = newPage.QuerySelectorAll("select[name=WorkUnitId] option").Select(o => o.GetAttribute("value")).Where(v => v is { Length: > 0 }).ToList();
        offered.ShouldContain(account.OrganizationId.ToString());
        offered.ShouldNotContain(outside.ToString());

        var form = await ValidFormForSecretaryAsync(portal);
        form["WorkUnitId"] = outside.ToString();
        var before = await MemberCountAsync(portal);
        var page = await ShouldBeFormWithErrorsAsync(await unit.PostFormAsync("/members/new", form));
        FieldError(page, "WorkUnitId").ShouldBe("只能选择本单位及下属单位");
        (await MemberCountAsync(portal)).ShouldBe(before);

        form["WorkUnitId"] = (await UnitInsideAsync(portal)).ToString();
        var id = await ShouldRedirectToMemberAsync(await unit.PostFormAsync("/members/new", form));
        (await MemberAsync(portal, id)).WorkUnitId.ShouldBe(Guid.Parse(form["WorkUnitId"]));
    }

    [Fact]
    public async Task An_edit_saves_and_a_stale_version_is_refused()
    {
        var member = await AddMemberAsync(portal);
        using var county = await portal.ClientFor("county");
        var editPage = await county.GetDocumentAsync($"/members/{member.Id}/edit");
        var fields = FieldsOf(editPage, "#member-form");
        fields.ShouldContain(new KeyValuePair<string, string>("NationalId", member.NationalId), "a PII user edits the full ID");
        fields.ShouldContain(new KeyValuePair<string, string>("Version", member.Version.ToString()));
        (await AuditCountAsync(portal, "member.edit-view-pii", member.Id)).ShouldBe(1);

        // Someone else saves first.
        await portal.WithDbAsync(async db =>
        {
            var m = await db.Members.SingleAsync(x => x.Id == member.Id);
            m.FreeTime = "别人改的";
            await db.SaveChangesAsync();
        });
        var stale = await ShouldBeFormWithErrorsAsync(await county.PostFormAsync($"/members/{member.Id}/edit", fields.With("Name", "过期修改"), $"/members/{member.Id}/edit"));
        stale.QuerySelector("#form-errors")!.TextContent.ShouldContain("该记录已被他人修改，请刷新后重新编辑");
        var unchanged = await MemberAsync(portal, member.Id);
        unchanged.Name.ShouldBe(member.Name);
        unchanged.FreeTime.ShouldBe("别人改的");

        var fresh = FieldsOf(await county.GetDocumentAsync($"/members/{member.Id}/edit"), "#member-form");
        var id = await ShouldRedirectToMemberAsync(await county.PostFormAsync($"/members/{member.Id}/edit", fresh.With("Name", "新名字").With("Category", nameof(MemberCategory.SelfManaged)), $"/members/{member.Id}/edit"));
        id.ShouldBe(member.Id);
        var saved = await MemberAsync(portal, member.Id);
        saved.Name.ShouldBe("新名字");
        saved.Category.ShouldBe(MemberCategory.SelfManaged);
        saved.NationalId.ShouldBe(member.NationalId);
        saved.Version.ShouldNotBe(unchanged.Version);
    }

    [Fact]
    public async Task A_user_without_the_pii_permission_edits_with_blank_id_and_phone_meaning_unchanged()
    {
        var member = await AddMemberAsync(portal);
        using var unit = await portal.ClientFor("unit");
        var editPage = await unit.GetDocumentAsync($"/members/{member.Id}/edit");
        editPage.QuerySelector("input[name=NationalId]")!.GetAttribute("value").ShouldBeNullOrEmpty();
        editPage.QuerySelector("input[name=Mobile]")!.GetAttribute("value").ShouldBeNullOrEmpty();
        editPage.QuerySelector("#national-id-hint")!.TextContent.ShouldContain("留空则不修改");
        editPage.Body!.InnerHtml.ShouldNotContain(member.NationalId);
        editPage.Body!.InnerHtml.ShouldNotContain(member.Mobile);

        var fields = FieldsOf(editPage, "#member-form").With("JobTitle", "支部书记");
        var id = await ShouldRedirectToMemberAsync(await unit.PostFormAsync($"/members/{member.Id}/edit", fields, $"/members/{member.Id}/edit"));
        var saved = await MemberAsync(portal, id);
        saved.JobTitle.ShouldBe("支部书记");
        saved.NationalId.ShouldBe(member.NationalId);
        saved.Mobile.ShouldBe(member.Mobile);
        (await AuditCountAsync(portal, "member.edit-view-pii", member.Id)).ShouldBe(0);

        var moved = FieldsOf(await unit.GetDocumentAsync($"/members/{member.Id}/edit"), "#member-form")
            .With("WorkUnitId", (await UnitOutsideAsync(portal)).ToString());
        var refused = await ShouldBeFormWithErrorsAsync(await unit.PostFormAsync($"/members/{member.Id}/edit", moved, $"/members/{member.Id}/edit"));
        FieldError(refused, "WorkUnitId").ShouldBe("只能选择本单位及下属单位");
        (await MemberAsync(portal, id)).WorkUnitId.ShouldBe(member.WorkUnitId);
    }

    [Fact]
    public async Task An_edit_of_a_member_out_of_scope_is_404_before_any_validation()
    {
        var member = await AddMemberAsync(portal);
        using var secretary2 = await portal.ClientFor("secretary2");
        (await secretary2.GetAsync($"/members/{member.Id}/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var response = await secretary2.PostFormAsync($"/members/{member.Id}/edit", new Dictionary<string, string> { ["Name"] = "" }, "/members/new");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MemberAsync(portal, member.Id)).Version.ShouldBe(member.Version);

        using var street = await portal.ClientFor("street");
        (await street.GetAsync("/members/new")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_form_offers_the_56_ethnic_groups_and_the_eight_service_intentions()
    {
        using var county = await portal.ClientFor("county");
        var page = await county.GetDocumentAsync("/members/new");
        var ethnicities = page.QuerySelectorAll("select[name=Ethnicity] option").Select(o => o.TextContent).ToList();
        ethnicities.Count.ShouldBe(56);
        ethnicities.Distinct().Count().ShouldBe(56);
        page.QuerySelector("select[name=Ethnicity] option[selected]")!.TextContent.ShouldBe("汉族");
        page.QuerySelectorAll("input[type=checkbox][name=ServiceIntentions]").Length.ShouldBe(8);
        page.QuerySelector("input[name=JoinedPartyOn]")!.GetAttribute("type").ShouldBe("date");
        page.QuerySelector("label[for=Name]")!.TextContent.ShouldBe("姓名");
        page.QuerySelectorAll("[style]").ShouldBeEmpty("CSP forbids inline styles");
        page.QuerySelectorAll("script:not([src])").ShouldBeEmpty("CSP forbids inline scripts");
        var units = page.QuerySelectorAll("select[name=WorkUnitId] option").Length;
        var expected = await portal.WithDbAsync(db => db.Organizations.CountAsync(o => o.Kind == OrgKind.WorkUnit));
        units.ShouldBe(expected + 1);
    }
}

public sealed class SqliteMemberFormTests(SqlitePortal portal) : MemberFormTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresMemberFormTests(PostgresPortal portal) : MemberFormTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
