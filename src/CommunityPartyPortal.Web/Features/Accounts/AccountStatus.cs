using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;

namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>The state filter of the account list.</summary>
public enum AccountState
{
    [Display(Name = "正常")] Normal = 1,
    [Display(Name = "已停用")] Disabled = 2,
    [Display(Name = "已锁定")] Locked = 3,
}

/// <summary>How an account's state reads: 正常, 已停用 or 锁定至 HH:mm (China time).</summary>
public static class AccountStatus
{
    public static bool IsLocked(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd is { } end && end > now;

    public static string Text(bool disabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        disabled ? "已停用"
        : IsLocked(lockoutEnd, now) ? $"锁定至 {Clock.ToChina(lockoutEnd!.Value.UtcDateTime):HH:mm}"
        : "正常";

    /// <summary>A UTC time as China time, minutes precision; "" for none.</summary>
    public static string ChinaTime(DateTime? utc, string none = "") =>
        utc is { } t ? Clock.ToChina(t).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : none;
}
