using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>流入/流出登记卡: each registration is its own row, so the history stays; one can be closed with a return date.</summary>
public sealed class RecordFlow(PortalDbContext db, TimeProvider time) : IUseCase
{
    public sealed class Form
    {
        [Display(Name = "登记类型")] public FlowDirection? Direction { get; set; }
        [Display(Name = "流入/流出日期")] public DateOnly? OccurredOn { get; set; }
        [Display(Name = "流入自 / 流出至")] public string? Place { get; set; }
        [Display(Name = "流动原因")] public string? Reason { get; set; }
        [Display(Name = "联系方式")] public string? Contact { get; set; }
        [Display(Name = "接收党组织（流出）/ 原所在党组织（流入）")] public string? ReceivingOrganization { get; set; }
        [Display(Name = "备注")] public string? Notes { get; set; }

        [BindNever, ValidateNever] public Guid MemberId { get; set; }
        [BindNever, ValidateNever] public string MemberName { get; set; } = "";
    }

    public async Task<Form?> FormAsync(Guid id)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        return member is null ? null : new Form { MemberId = id, MemberName = member.Name, OccurredOn = Clock.TodayInChina(time) };
    }

    public async Task<Outcome> HandleAsync(Guid id, Form form, bool bindingValid, ClaimsPrincipal user)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        if (member is null) return Outcome.Missing;
        form.MemberId = id;
        form.MemberName = member.Name;

        var errors = Validate(form, Clock.TodayInChina(time)).ToList();
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(id, errors);

        db.MemberFlowRecords.Add(new MemberFlowRecord
        {
            MemberId = id,
            Direction = form.Direction!.Value,
            OccurredOn = form.OccurredOn!.Value,
            Place = form.Place!.Trim(),
            Reason = form.Reason!.Trim(),
            Contact = form.Contact!.Trim(),
            ReceivingOrganization = form.ReceivingOrganization!.Trim(),
            Notes = MemberFormRules.Clean(form.Notes),
            RecordedBy = Limit(user.DisplayNameOf(), 50),
        });
        await db.SaveChangesAsync();
        return Outcome.Saved(id);
    }

    /// <summary>Closes one registration (返回/结束日期). Null when not visible, else an error message or "" when done.</summary>
    public async Task<string?> EndAsync(Guid id, Guid flowId, DateOnly? endedOn)
    {
        var record = await db.MemberFlowRecords.FirstOrDefaultAsync(r => r.Id == flowId && r.MemberId == id);
        if (record is null) return null;
        if (record.EndedOn is not null) return "该登记已结束";
        if (endedOn is not { } date) return "请填写返回/结束日期";
        if (date > Clock.TodayInChina(time)) return "返回/结束日期不能晚于今天";
        if (date < record.OccurredOn) return "返回/结束日期不能早于流入/流出日期";
        record.EndedOn = date;
        await db.SaveChangesAsync();
        return "";
    }

    private static IEnumerable<FieldError> Validate(Form f, DateOnly today)
    {
        if (f.Direction is not { } direction || !Enum.IsDefined(direction)) yield return new(nameof(f.Direction), "请选择流入或流出");
        if (f.OccurredOn is not { } on) yield return new(nameof(f.OccurredOn), "请填写流入/流出日期");
        else if (on > today) yield return new(nameof(f.OccurredOn), "流入/流出日期不能晚于今天");
        foreach (var e in Required(nameof(f.Place), f.Place, 200, f.Direction == FlowDirection.Inflow ? "流入自何处" : "流出至何处")) yield return e;
        foreach (var e in Required(nameof(f.Reason), f.Reason, 500, "流动原因")) yield return e;
        foreach (var e in Required(nameof(f.Contact), f.Contact, 100, "联系方式")) yield return e;
        foreach (var e in Required(nameof(f.ReceivingOrganization), f.ReceivingOrganization, 200,
                     f.Direction == FlowDirection.Inflow ? "原所在党组织" : "接收党组织")) yield return e;
        if (MemberFormRules.Clean(f.Notes) is { Length: > 500 }) yield return new(nameof(f.Notes), "备注不能超过500个字");
    }

    private static IEnumerable<FieldError> Required(string field, string? value, int max, string label)
    {
        var v = MemberFormRules.Clean(value);
        if (v is null) yield return new(field, $"请填写{label}");
        else if (v.Length > max) yield return new(field, $"{label}不能超过{max}个字");
    }

    private static string Limit(string s, int max) => s.Length <= max ? s : s[..max];
}
