using System.Security.Cryptography;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>
/// 开通登录账号: the member signs in with the mobile number and a random temporary password that must be
/// changed at the first sign-in. The account is bound to the member's community (or work unit).
/// </summary>
public sealed class GrantMemberAccount(PortalDbContext db, UserManager<PortalUser> users, AuditLog audit, TimeProvider time) : IUseCase
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "@#$%&*!?";

    /// <summary>Null when the member is not visible; else the error, or the temporary password.</summary>
    public sealed record Result(string? Error, string? Password);

    public async Task<Result?> HandleAsync(Guid id)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        if (member is null) return null;

        if (await users.Users.AnyAsync(u => u.MemberId == id)) return await RefusedAsync(id, "该党员已开通账号");
        if (member.MovedOutOn is not null) return await RefusedAsync(id, "该党员已迁出，不能开通账号");
        if ((member.CommunityId ?? member.WorkUnitId) is not { } organizationId) return await RefusedAsync(id, "该党员没有所在社区或工作单位，不能开通账号");
        if (await users.FindByNameAsync(member.Mobile) is not null) return await RefusedAsync(id, "该手机号已被其他账号使用，不能开通账号");

        var password = TemporaryPassword();
        var user = new PortalUser
        {
            UserName = member.Mobile,
            DisplayName = member.Name,
            Role = PortalRole.Member,
            OrganizationId = organizationId,
            MemberId = member.Id,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, "开通账号失败：" + string.Join("；", result.Errors.Select(e => e.Description)));
        }
        await audit.WriteAsync("member.grant-account", "Member", id.ToString(), true, $"user {user.UserName}");
        return new Result(null, password);
    }

    private async Task<Result> RefusedAsync(Guid id, string error)
    {
        await audit.WriteAsync("member.grant-account", "Member", id.ToString(), false, error);
        return new Result(error, null);
    }

    /// <summary>3 upper + 3 lower + 3 digits + 1 symbol, shuffled; meets the password policy (≥10, 3 of 4 classes).</summary>
    public static string TemporaryPassword()
    {
        var chars = new List<char>(10);
        for (var i = 0; i < 3; i++) chars.Add(Pick(Upper));
        for (var i = 0; i < 3; i++) chars.Add(Pick(Lower));
        for (var i = 0; i < 3; i++) chars.Add(Pick(Digits));
        chars.Add(Pick(Symbols));
        var array = chars.ToArray();
        RandomNumberGenerator.Shuffle(array.AsSpan());
        return new string(array);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
