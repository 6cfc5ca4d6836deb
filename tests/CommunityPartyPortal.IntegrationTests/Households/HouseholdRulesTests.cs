using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Households.HouseholdsTestData;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;

namespace CommunityPartyPortal.IntegrationTests.Households;

/// <summary>Every bad input of the 联系对象 forms: a Chinese message beside the field, nothing written.</summary>
public abstract class HouseholdRulesTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private async Task<AngleSharp.Dom.IDocument> RefusedAsync(PortalClient client, string url, Dictionary<string, string> fields, string? page = null)
    {
        var before = await FingerprintAsync(portal);
        var doc = await ShouldBeFormWithErrorsAsync(await client.PostFormAsync(url, fields, page));
        (await FingerprintAsync(portal)).ShouldBe(before, "nothing may be written on bad input");
        return doc;
    }

    [Theory]
    [InlineData("NationalId", "bad-check-digit", "校验位不正确")]
    [InlineData("NationalId", "12345", "应为18位")]
    [InlineData("Phone", "12345678901", "手机号码")]
    [InlineData("HeadName", "", "请填写户主姓名")]
    [InlineData("Address", "", "请填写家庭住址")]
    [InlineData("Kind", "", "请选择联系对象类别")]
    [InlineData("BirthYear", "1800", "出生年份")]
    [InlineData("GridId", "other-grid", "本社区的网格")]
    public async Task A_bad_household_form_is_refused_with_a_message_beside_the_field(string field, string value, string message)
    {
        using var secretary = await portal.ClientFor("secretary");
        var fields = HouseholdFields();
        var community = await CommunityOfAsync(portal, "secretary");
        fields[field] = value switch
        {
            "bad-check-digit" => BadCheckDigit(TestMembers.NewNationalId()),
            "other-grid" => (await portal.WithDbAsync(db => db.Organizations
                .Where(o => o.Kind == Domain.Organizations.OrgKind.Grid && o.ParentId != community).Select(o => o.Id).FirstAsync())).ToString(),
            _ => value,
        };
        var page = await RefusedAsync(secretary, "/households/new", fields, "/households/new");
        FieldError(page, field).ShouldContain(message);
    }

    private static string BadCheckDigit(string id) => id[..17] + (id[17] == '0' ? '1' : '0');

    [Fact]
    public async Task Visits_are_refused_in_the_future_before_the_pairing_and_by_a_member_not_paired()
    {
        var household = await AddHouseholdAsync(portal);
        var paired = await AddMemberAsync(portal);
        var other = await AddMemberAsync(portal);
        var ended = await AddMemberAsync(portal);
        var today = Today(portal);
        await AddPairingAsync(portal, household, paired, today.AddDays(-10));
        var endedPairing = await AddPairingAsync(portal, household, ended, today.AddDays(-30));
        await portal.WithDbAsync(async db =>
        {
            var p = await db.HouseholdPairings.FindAsync(endedPairing.Id);
            p!.EndedOn = today.AddDays(-5);
            await db.SaveChangesAsync();
        });
        using var secretary = await portal.ClientFor("secretary");
        var url = $"/households/{household.Id}/visits/new";
        Dictionary<string, string> Visit(Guid member, DateOnly on) => new()
        {
            ["MemberId"] = member.ToString(), ["VisitedOn"] = Iso(on), ["Help"] = nameof(HelpKind.Hardship), ["Content"] = "送米面油",
        };

        FieldError(await RefusedAsync(secretary, url, Visit(paired.Id, today.AddDays(1))), "VisitedOn").ShouldContain("不能晚于今天");
        FieldError(await RefusedAsync(secretary, url, Visit(paired.Id, today.AddDays(-11))), "VisitedOn").ShouldContain("不能早于该党员的结对日期");
        FieldError(await RefusedAsync(secretary, url, Visit(other.Id, today)), "MemberId").ShouldContain("只有当前与该联系对象结对的党员");
        FieldError(await RefusedAsync(secretary, url, Visit(ended.Id, today.AddDays(-20))), "MemberId").ShouldContain("只有当前与该联系对象结对的党员");
        FieldError(await RefusedAsync(secretary, url, new(Visit(paired.Id, today)) { ["Content"] = "" }), "Content").ShouldContain("请填写走访内容");
        FieldError(await RefusedAsync(secretary, url, new(Visit(paired.Id, today)) { ["Help"] = "" }), "Help").ShouldContain("五助");
        (await VisitsOfAsync(portal, household.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pairings_are_refused_in_the_future_twice_for_the_same_member_and_for_a_member_of_another_community()
    {
        var household = await AddHouseholdAsync(portal);
        var member = await AddMemberAsync(portal);
        var foreign = await AddMemberAsync(portal, "secretary2");
        var today = Today(portal);
        await AddPairingAsync(portal, household, member, today);
        using var secretary = await portal.ClientFor("secretary");
        var url = $"/households/{household.Id}/pair";

        FieldError(await RefusedAsync(secretary, url, new Dictionary<string, string> { ["MemberIds"] = member.Id.ToString(), ["PairedOn"] = Iso(today) }), "MemberIds")
            .ShouldContain("已与该联系对象结对");
        FieldError(await RefusedAsync(secretary, url, new Dictionary<string, string> { ["MemberIds"] = foreign.Id.ToString(), ["PairedOn"] = Iso(today) }), "MemberIds")
            .ShouldContain("本社区的党员");
        FieldError(await RefusedAsync(secretary, url, new Dictionary<string, string> { ["MemberIds"] = "", ["PairedOn"] = Iso(today) }), "MemberIds")
            .ShouldContain("至少选择一名党员");
        var fresh = await AddMemberAsync(portal);
        FieldError(await RefusedAsync(secretary, url, new Dictionary<string, string> { ["MemberIds"] = fresh.Id.ToString(), ["PairedOn"] = Iso(today.AddDays(1)) }), "PairedOn")
            .ShouldContain("不能晚于今天");
        (await PairingsOfAsync(portal, household.Id)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Two_simultaneous_pairings_of_the_same_member_make_one()
    {
        var household = await AddHouseholdAsync(portal);
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var url = $"/households/{household.Id}/pair";
        var token = await secretary.TokenFromAsync(url);
        FormUrlEncodedContent Body() => new(new Dictionary<string, string>
        {
            ["MemberIds"] = member.Id.ToString(), ["PairedOn"] = Iso(Today(portal)), ["__RequestVerificationToken"] = token,
        });
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => secretary.Http.PostAsync(url, Body())));
        responses.Count(r => r.StatusCode == System.Net.HttpStatusCode.Found).ShouldBeGreaterThanOrEqualTo(1);
        responses.ShouldAllBe(r => r.StatusCode == System.Net.HttpStatusCode.Found || r.StatusCode == System.Net.HttpStatusCode.OK);
        (await PairingsOfAsync(portal, household.Id)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Ending_a_pairing_in_the_future_before_its_start_or_twice_is_refused()
    {
        var household = await AddHouseholdAsync(portal);
        var member = await AddMemberAsync(portal);
        var today = Today(portal);
        var pairing = await AddPairingAsync(portal, household, member, today.AddDays(-3));
        using var secretary = await portal.ClientFor("secretary");
        var url = $"/households/{household.Id}/pairings/{pairing.Id}/end";
        async Task<string> EndAsync(DateOnly on)
        {
            var response = await secretary.PostFormAsync(url, new Dictionary<string, string> { ["endedOn"] = Iso(on), ["version"] = pairing.Version.ToString() }, $"/households/{household.Id}");
            await RedirectAsync(response);
            return (await secretary.GetDocumentAsync($"/households/{household.Id}")).QuerySelector(".alert-danger")?.TextContent ?? "";
        }
        var before = await FingerprintAsync(portal);
        (await EndAsync(today.AddDays(1))).ShouldContain("不能晚于今天");
        (await EndAsync(today.AddDays(-4))).ShouldContain("不能早于结对日期");
        (await FingerprintAsync(portal)).ShouldBe(before);
        (await PairingsOfAsync(portal, household.Id)).ShouldHaveSingleItem().EndedOn.ShouldBeNull();
    }

    [Fact]
    public async Task Archiving_needs_a_reason()
    {
        var household = await AddHouseholdAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var before = await FingerprintAsync(portal);
        await RedirectAsync(await secretary.PostFormAsync($"/households/{household.Id}/archive",
            new Dictionary<string, string> { ["reason"] = " ", ["version"] = household.Version.ToString() }, $"/households/{household.Id}"));
        (await secretary.GetDocumentAsync($"/households/{household.Id}")).QuerySelector(".alert-danger")!.TextContent.ShouldContain("请填写归档原因");
        (await FingerprintAsync(portal)).ShouldBe(before);
    }
}

public sealed class SqliteHouseholdRulesTests(SqlitePortal portal) : HouseholdRulesTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresHouseholdRulesTests(PostgresPortal portal) : HouseholdRulesTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
