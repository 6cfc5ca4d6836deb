using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using static CommunityPartyPortal.IntegrationTests.Infrastructure.TestForms;
using static CommunityPartyPortal.IntegrationTests.Members.MembersTestData;

namespace CommunityPartyPortal.IntegrationTests.Members;

/// <summary>迁出/撤销迁出, photo upload and download, 流入/流出登记, 开通登录账号.</summary>
public abstract class MemberActionsTests<TPortal>(TPortal portal) where TPortal : PortalFactory
{
    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    private async Task<string?> FlashErrorOnCardAsync(PortalClient client, Guid id) =>
        (await client.GetDocumentAsync($"/members/{id}")).QuerySelector(".alert-danger")?.TextContent.Trim();

    [Fact]
    public async Task Move_out_then_move_back()
    {
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var formPage = await secretary.GetDocumentAsync($"/members/{member.Id}/move-out");
        formPage.QuerySelector("input[name=MovedOutOn]")!.GetAttribute("value").ShouldBe(Today, "today is the default");

        var invalid = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/members/{member.Id}/move-out",
            new Dictionary<string, string> { ["MovedOutOn"] = "2001-01-01", ["MovedOutTo"] = "" }));
        FieldError(invalid, "MovedOutOn").ShouldBe("迁出日期不能早于入党日期");
        FieldError(invalid, "MovedOutTo").ShouldBe("请填写迁往何处");
        (await MemberAsync(portal, member.Id)).MovedOutOn.ShouldBeNull();

        var done = await secretary.PostFormAsync($"/members/{member.Id}/move-out",
            new Dictionary<string, string> { ["MovedOutOn"] = Today, ["MovedOutTo"] = "西安市雁塔区", ["MoveOutReason"] = "工作调动" });
        (await ShouldRedirectToMemberAsync(done)).ShouldBe(member.Id);
        var moved = await MemberAsync(portal, member.Id);
        moved.MovedOutOn.ShouldBe(DateOnly.Parse(Today));
        moved.MovedOutTo.ShouldBe("西安市雁塔区");
        moved.MoveOutReason.ShouldBe("工作调动");

        var card = await secretary.GetDocumentAsync($"/members/{member.Id}");
        card.QuerySelector("#member-state")!.TextContent.ShouldBe("已迁出");
        card.QuerySelector("#member-move-out")!.TextContent.ShouldContain("西安市雁塔区");
        var active = await secretary.GetDocumentAsync($"/members?q={Uri.EscapeDataString(member.Name)}");
        active.QuerySelectorAll($"tr[data-member-id='{member.Id}']").ShouldBeEmpty("the default list shows 在册 members only");
        var gone = await secretary.GetDocumentAsync($"/members?status=out&q={Uri.EscapeDataString(member.Name)}");
        gone.QuerySelectorAll($"tr[data-member-id='{member.Id}']").Length.ShouldBe(1);

        var again = await secretary.PostFormAsync($"/members/{member.Id}/move-out",
            new Dictionary<string, string> { ["MovedOutOn"] = Today, ["MovedOutTo"] = "别处" }, $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(again)).ShouldBe(member.Id);
        (await FlashErrorOnCardAsync(secretary, member.Id)).ShouldBe("该党员已迁出");
        (await MemberAsync(portal, member.Id)).MovedOutTo.ShouldBe("西安市雁塔区");

        var back = await secretary.PostFormAsync($"/members/{member.Id}/move-back", new Dictionary<string, string>(), $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(back)).ShouldBe(member.Id);
        var restored = await MemberAsync(portal, member.Id);
        restored.MovedOutOn.ShouldBeNull();
        restored.MovedOutTo.ShouldBeNull();
        restored.MoveOutReason.ShouldBeNull();
        (await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Member.update" && a.TargetId == member.Id.ToString()))).ShouldBe(2);
    }

    [Fact]
    public async Task A_png_photo_is_stored_and_served_privately()
    {
        var member = await AddMemberAsync(portal);
        using var county = await portal.ClientFor("county");
        (await county.GetAsync($"/members/{member.Id}/photo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await county.GetDocumentAsync($"/members/{member.Id}")).QuerySelector("#member-photo-placeholder").ShouldNotBeNull();

        var response = await county.PostMultipartAsync($"/members/{member.Id}/photo", Photo(TestImages.Png, "photo.png", "image/png"), $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(response)).ShouldBe(member.Id);
        (await MemberAsync(portal, member.Id)).HasPhoto.ShouldBeTrue();

        var card = await county.GetDocumentAsync($"/members/{member.Id}");
        card.QuerySelector(".alert-success")!.TextContent.ShouldContain("照片已上传");
        var src = card.QuerySelector("img#member-photo")!.GetAttribute("src")!;
        src.ShouldStartWith($"/members/{member.Id}/photo");

        var photo = await county.GetAsync(src);
        photo.StatusCode.ShouldBe(HttpStatusCode.OK);
        photo.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        photo.Headers.CacheControl!.Private.ShouldBeTrue();
        photo.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromSeconds(300));
        (await photo.Content.ReadAsByteArrayAsync()).ShouldBe(TestImages.Png);

        // The member itself (another scope) sees its own photo only; a JPEG replaces the PNG.
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01 };
        var replaced = await county.PostMultipartAsync($"/members/{member.Id}/photo", Photo(jpeg, "x.bin", "application/octet-stream"), $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(replaced)).ShouldBe(member.Id);
        var second = await county.GetAsync($"/members/{member.Id}/photo");
        second.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        (await portal.WithDbAsync(db => db.MemberPhotos.CountAsync(p => p.MemberId == member.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Photos_that_are_not_jpeg_or_png_or_too_big_or_missing_are_refused()
    {
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");

        var text = Encoding.UTF8.GetBytes("这不是图片，只是改了扩展名的文本文件");
        var renamed = await secretary.PostMultipartAsync($"/members/{member.Id}/photo", Photo(text, "photo.jpg", "image/jpeg"), $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(renamed)).ShouldBe(member.Id);
        (await FlashErrorOnCardAsync(secretary, member.Id)).ShouldBe("照片须为JPG或PNG格式");

        var big = new byte[(2 * 1024 * 1024) + 1];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        var tooBig = await secretary.PostMultipartAsync($"/members/{member.Id}/photo", Photo(big, "big.jpg", "image/jpeg"), $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(tooBig)).ShouldBe(member.Id);
        (await FlashErrorOnCardAsync(secretary, member.Id)).ShouldBe("照片不能超过2MB");

        var exact = new byte[2 * 1024 * 1024];
        TestImages.Png.CopyTo(exact, 0);
        var limit = await secretary.PostMultipartAsync($"/members/{member.Id}/photo", Photo(exact, "limit.png", "image/png"), $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(limit)).ShouldBe(member.Id);
        (await FlashErrorOnCardAsync(secretary, member.Id)).ShouldBeNull("exactly 2 MB is allowed");
        await portal.WithDbAsync(async db => (await db.MemberPhotos.SingleAsync(p => p.MemberId == member.Id)).Content.Length.ShouldBe(exact.Length));

        using var empty = new MultipartFormDataContent();
        var none = await secretary.PostMultipartAsync($"/members/{member.Id}/photo", empty, $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(none)).ShouldBe(member.Id);
        (await FlashErrorOnCardAsync(secretary, member.Id)).ShouldBe("请选择照片");
    }

    [Fact]
    public async Task Flow_registrations_in_and_out_are_kept_as_history()
    {
        var member = await AddMemberAsync(portal, m => m.Category = MemberCategory.Floating);
        using var secretary = await portal.ClientFor("secretary");
        var display = (await UserAsync(portal, "secretary")).DisplayName;
        (await secretary.GetDocumentAsync($"/members/{member.Id}")).QuerySelector("#flow-empty").ShouldNotBeNull();

        var missing = await ShouldBeFormWithErrorsAsync(await secretary.PostFormAsync($"/members/{member.Id}/flows/new",
            new Dictionary<string, string> { ["Direction"] = "Outflow", ["OccurredOn"] = "2024-03-01" }));
        FieldError(missing, "Place").ShouldBe("请填写流出至何处");
        FieldError(missing, "ReceivingOrganization").ShouldBe("请填写接收党组织");
        (await portal.WithDbAsync(db => db.MemberFlowRecords.CountAsync(r => r.MemberId == member.Id))).ShouldBe(0);

        var outflow = await secretary.PostFormAsync($"/members/{member.Id}/flows/new", new Dictionary<string, string>
        {
            ["Direction"] = "Outflow", ["OccurredOn"] = "2024-03-01", ["Place"] = "广东省深圳市", ["Reason"] = "外出务工",
            ["Contact"] = "13800001111", ["ReceivingOrganization"] = "深圳市某街道流动党员党支部", ["Notes"] = "按月联系",
        });
        (await ShouldRedirectToMemberAsync(outflow)).ShouldBe(member.Id);
        var inflow = await secretary.PostFormAsync($"/members/{member.Id}/flows/new", new Dictionary<string, string>
        {
            ["Direction"] = "Inflow", ["OccurredOn"] = "2025-01-10", ["Place"] = "广东省深圳市", ["Reason"] = "返乡",
            ["Contact"] = "13800001111", ["ReceivingOrganization"] = "深圳市某街道流动党员党支部",
        });
        (await ShouldRedirectToMemberAsync(inflow)).ShouldBe(member.Id);

        var records = await portal.WithDbAsync(db => db.MemberFlowRecords.AsNoTracking().Where(r => r.MemberId == member.Id).OrderBy(r => r.OccurredOn).ToListAsync());
        records.Select(r => r.Direction).ShouldBe([FlowDirection.Outflow, FlowDirection.Inflow]);
        records.ShouldAllBe(r => r.RecordedBy == display);
        records[0].Notes.ShouldBe("按月联系");

        var end = await secretary.PostFormAsync($"/members/{member.Id}/flows/{records[0].Id}/end",
            new Dictionary<string, string> { ["endedOn"] = "2025-01-10" }, $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(end)).ShouldBe(member.Id);
        (await portal.WithDbAsync(db => db.MemberFlowRecords.SingleAsync(r => r.Id == records[0].Id))).EndedOn.ShouldBe(new DateOnly(2025, 1, 10));

        var early = await secretary.PostFormAsync($"/members/{member.Id}/flows/{records[1].Id}/end",
            new Dictionary<string, string> { ["endedOn"] = "2024-12-31" }, $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(early)).ShouldBe(member.Id);
        (await FlashErrorOnCardAsync(secretary, member.Id)).ShouldBe("返回/结束日期不能早于流入/流出日期");

        var card = await secretary.GetDocumentAsync($"/members/{member.Id}");
        var rows = card.QuerySelectorAll("#flow-list tbody tr");
        rows.Length.ShouldBe(2);
        rows[0].TextContent.ShouldContain("流入");
        rows[1].TextContent.ShouldContain("流出");
        rows[1].TextContent.ShouldContain("2025-01-10");

        using var secretary2 = await portal.ClientFor("secretary2");
        var foreign = await secretary2.PostFormAsync($"/members/{member.Id}/flows/{records[1].Id}/end",
            new Dictionary<string, string> { ["endedOn"] = "2025-02-01" }, "/members/new");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Granting_an_account_shows_a_temporary_password_that_must_be_changed()
    {
        var member = await AddMemberAsync(portal);
        using var secretary = await portal.ClientFor("secretary");
        var card = await secretary.GetDocumentAsync($"/members/{member.Id}");
        card.QuerySelector("#action-account").ShouldNotBeNull();

        var response = await secretary.PostFormAsync($"/members/{member.Id}/account", new Dictionary<string, string>(), $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(response)).ShouldBe(member.Id);
        var shown = await secretary.GetDocumentAsync($"/members/{member.Id}");
        var flash = shown.QuerySelector(".alert-success")!.TextContent.Trim();
        flash.ShouldContain("请告知本人，首次登录须修改密码");
        var password = MembersTestData.PasswordPattern().Match(flash).Groups[1].Value;
        password.Length.ShouldBe(10);
        shown.QuerySelector("#action-account").ShouldBeNull("the member has an account now");
        (await secretary.GetDocumentAsync($"/members/{member.Id}")).QuerySelector(".alert-success").ShouldBeNull("the password is shown once");

        var account = await UserAsync(portal, member.Mobile);
        account.Role.ShouldBe(PortalRole.Member);
        account.MemberId.ShouldBe(member.Id);
        account.OrganizationId.ShouldBe(member.CommunityId!.Value);
        account.MustChangePassword.ShouldBeTrue();
        (await AuditCountAsync(portal, "member.grant-account", member.Id)).ShouldBe(1);

        using var newcomer = portal.AnonymousClient();
        var signIn = await newcomer.SignInAsync(member.Mobile, password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Found);
        signIn.Headers.Location!.OriginalString.ShouldBe("/account/change-password");

        var again = await secretary.PostFormAsync($"/members/{member.Id}/account", new Dictionary<string, string>(), $"/members/{member.Id}");
        (await ShouldRedirectToMemberAsync(again)).ShouldBe(member.Id);
        (await FlashErrorOnCardAsync(secretary, member.Id)).ShouldBe("该党员已开通账号");
        (await portal.WithDbAsync(db => db.Users.CountAsync(u => u.MemberId == member.Id))).ShouldBe(1);
    }

    private static MultipartFormDataContent Photo(byte[] bytes, string fileName, string contentType)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "photo", fileName);
        return content;
    }
}

public sealed class SqliteMemberActionsTests(SqlitePortal portal) : MemberActionsTests<SqlitePortal>(portal), IClassFixture<SqlitePortal>;

public sealed class PostgresMemberActionsTests(PostgresPortal portal) : MemberActionsTests<PostgresPortal>(portal), IClassFixture<PostgresPortal>;
