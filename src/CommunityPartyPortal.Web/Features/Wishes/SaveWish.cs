using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Wishes;

/// <summary>
/// 登记心愿 and 修改心愿 (the secretary): what the resident wished, who and where, from which source. A new wish
/// takes its serial (2026-心愿-000001) and its first history row in the same transaction; it can be edited until
/// someone claims it.
/// </summary>
public sealed partial class SaveWish(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const string SerialType = "心愿";

    public sealed class Form
    {
        [Display(Name = "心愿标题")] public string? Title { get; set; }
        [Display(Name = "心愿内容")] public string? Content { get; set; }
        [Display(Name = "居民姓名")] public string? ResidentName { get; set; }
        [Display(Name = "联系电话")] public string? ResidentPhone { get; set; }
        [Display(Name = "住址")] public string? Address { get; set; }
        [Display(Name = "来源")] public WishSource? Source { get; set; }
        [Display(Name = "服务类别")] public ServiceCategory? Category { get; set; }
        public Guid? Version { get; set; }

        [BindNever, ValidateNever] public Guid? Id { get; set; }
        [BindNever, ValidateNever] public string? Serial { get; set; }
        /// <summary>The phone is hidden from this user: an empty field keeps the stored one.</summary>
        [BindNever, ValidateNever] public string? MaskedPhone { get; set; }
        [BindNever, ValidateNever] public bool PhoneHidden { get; set; }
    }

    public sealed record Result(bool NotFound, IReadOnlyList<WishProblem> Problems, Guid? Id = null, string? Serial = null)
    {
        public bool Ok => !NotFound && Problems.Count == 0;
    }

    [GeneratedRegex(@"^[0-9+\-() ]{5,20}$")]
    private static partial Regex PhonePattern();

    private bool IsSecretary => db.Scope is { Kind: ScopeKind.Community, OrganizationId: not null };

    /// <summary>An empty form for a new wish; null when the user is not a secretary.</summary>
    public Form? New() => IsSecretary ? new Form { PhoneHidden = !db.Scope.CanViewPersonalData } : null;

    /// <summary>The edit form of a wish; null when not visible (404).</summary>
    public async Task<Form?> EditAsync(Guid id)
    {
        var wish = IsSecretary ? await db.Wishes.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id) : null;
        if (wish is null) return null;
        var hidden = !db.Scope.CanViewPersonalData;
        return new Form
        {
            Id = wish.Id, Serial = wish.Serial, Title = wish.Title, Content = wish.Content, ResidentName = wish.ResidentName,
            ResidentPhone = hidden ? null : wish.ResidentPhone, Address = wish.Address, Source = wish.Source,
            Category = wish.Category == ServiceCategory.None ? null : wish.Category, Version = wish.Version,
            PhoneHidden = hidden, MaskedPhone = Masking.Mobile(wish.ResidentPhone),
        };
    }

    /// <summary>Fills the read-only parts of a posted form again (for showing it with its errors).</summary>
    public async Task PrepareAsync(Form form, Guid? id)
    {
        form.PhoneHidden = !db.Scope.CanViewPersonalData;
        if (id is null) return;
        var wish = await db.Wishes.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id);
        form.Id = wish?.Id;
        form.Serial = wish?.Serial;
        form.MaskedPhone = Masking.Mobile(wish?.ResidentPhone);
    }

    public async Task<Result> CreateAsync(Form form, string by)
    {
        if (!IsSecretary) return new(true, []);
        var problems = Validate(form);
        if (problems.Count > 0) return new(false, problems);

        var today = Clock.TodayInChina(time);
        await using var tx = await db.Database.BeginTransactionAsync();
        var wish = new Wish
        {
            CommunityId = db.Scope.OrganizationId!.Value,
            Serial = await SerialNumbers.TakeOneAsync(db, SerialType, today.Year),
            Title = "",
            ResidentName = "",
            SubmittedOn = today,
            Status = WishStatus.Submitted,
        };
        Apply(form, wish);
        db.Wishes.Add(wish);
        db.WishEvents.Add(new WishEvent
        {
            WishId = wish.Id, CommunityId = wish.CommunityId, At = time.GetUtcNow().UtcDateTime,
            From = WishStatus.Submitted, To = WishStatus.Submitted, By = Shorten(by), Note = "登记心愿（" + wish.Source.Text() + "）",
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return new(false, [], wish.Id, wish.Serial);
    }

    public async Task<Result> UpdateAsync(Guid id, Form form)
    {
        var wish = IsSecretary ? await db.Wishes.FirstOrDefaultAsync(w => w.Id == id) : null;
        if (wish is null) return new(true, []);
        if (!WishWorkflow.IsEditable(wish.Status)) return new(false, [new("", $"该心愿{wish.Status.Text()}，不能再修改")]);
        var problems = Validate(form);
        if (problems.Count == 0 && form.Version != wish.Version) problems.Add(new("", MoveWish.Stale));
        if (problems.Count > 0) return new(false, problems);

        Apply(form, wish);
        db.Entry(wish).Property(w => w.Version).OriginalValue = form.Version!.Value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(false, [new("", MoveWish.Stale)]);
        }
        return new(false, [], wish.Id, wish.Serial);
    }

    private List<WishProblem> Validate(Form f)
    {
        var problems = new List<WishProblem>();
        void Required(string field, string? value, int max, string label)
        {
            var text = WishWorkflow.Clean(value);
            if (text is null) problems.Add(new(field, $"请填写{label}"));
            else if (text.Length > max) problems.Add(new(field, $"{label}不能超过{max}个字"));
        }
        void Optional(string field, string? value, int max, string label)
        {
            if (WishWorkflow.Clean(value) is { } text && text.Length > max) problems.Add(new(field, $"{label}不能超过{max}个字"));
        }
        Required(nameof(f.Title), f.Title, 100, "心愿标题");
        Optional(nameof(f.Content), f.Content, 500, "心愿内容");
        Required(nameof(f.ResidentName), f.ResidentName, 50, "居民姓名");
        Optional(nameof(f.Address), f.Address, 200, "住址");
        if (WishWorkflow.Clean(f.ResidentPhone) is { } phone && !PhonePattern().IsMatch(phone))
        {
            problems.Add(new(nameof(f.ResidentPhone), "请填写正确的联系电话（手机或座机号码）"));
        }
        if (f.Source is not { } source || !Enum.IsDefined(source)) problems.Add(new(nameof(f.Source), "请选择心愿来源"));
        if (f.Category is { } c && (c == ServiceCategory.None || !Enum.IsDefined(c))) problems.Add(new(nameof(f.Category), "请从列表中选择服务类别"));
        return problems;
    }

    private void Apply(Form f, Wish wish)
    {
        wish.Title = WishWorkflow.Clean(f.Title)!;
        wish.Content = WishWorkflow.Clean(f.Content);
        wish.ResidentName = WishWorkflow.Clean(f.ResidentName)!;
        var phone = WishWorkflow.Clean(f.ResidentPhone);
        // A user who cannot see the phone leaves the field empty to keep it.
        if (phone is not null || db.Scope.CanViewPersonalData) wish.ResidentPhone = phone;
        wish.Address = WishWorkflow.Clean(f.Address);
        wish.Source = f.Source!.Value;
        wish.Category = f.Category ?? ServiceCategory.None;
    }

    private static string Shorten(string s) => s.Length <= 50 ? s : s[..50];
}
