using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Feedback;

/// <summary>
/// The card page of the community (figures, review form, the versions of the card) and the review of a draft: 等次,
/// 社区意见, 一票否决 with its reason. The rules are the card's own (<see cref="FeedbackCard.Review"/>), their messages
/// shown beside the fields; a stale <see cref="Form.Version"/> (someone saved the card meanwhile) writes nothing.
/// </summary>
public sealed class ReviewCard(PortalDbContext db, FeedbackDocuments documents) : IUseCase
{
    public const string Stale = "该反馈卡已被他人修改，请刷新后重试";

    public sealed class Form
    {
        [Display(Name = "评议等次")] public FeedbackGrade? Grade { get; set; }
        [Display(Name = "社区党组织意见")] public string? Opinion { get; set; }
        [Display(Name = "一票否决")] public bool Veto { get; set; }
        [Display(Name = "否决理由")] public string? VetoReason { get; set; }
        public Guid? Version { get; set; }

        [BindNever, ValidateNever] public Page Page { get; set; } = null!;
    }

    public sealed record VersionRow(Guid Id, int Revision, string Status, string? Serial, DateTime? SentAt);

    public sealed record Page(FeedbackCardEntry Entry, IReadOnlyList<VersionRow> Versions, bool CanEdit)
    {
        public FeedbackCard Card => Entry.Card;
    }

    public async Task<Form?> FormAsync(Guid id)
    {
        if (await PageAsync(id) is not { } page) return null;
        var c = page.Card;
        return new Form { Grade = c.Grade, Opinion = c.Opinion, Veto = c.Veto, VetoReason = c.VetoReason, Version = c.Version, Page = page };
    }

    /// <summary>The card with its versions (every revision of the member's card in the cycle), or null when the user may not see it.</summary>
    public async Task<Page?> PageAsync(Guid id)
    {
        var entry = (await documents.LoadAsync(db.FeedbackCards.Where(c => c.Id == id))).SingleOrDefault();
        if (entry is null) return null;
        var c = entry.Card;
        var versions = await db.FeedbackCards.AsNoTracking().Where(x => x.CycleId == c.CycleId && x.MemberId == c.MemberId)
            .OrderBy(x => x.Revision).Select(x => new { x.Id, x.Revision, x.Status, x.Serial, x.SentAt }).ToListAsync();
        return new Page(entry, [.. versions.Select(v => new VersionRow(v.Id, v.Revision, v.Status.Text(), v.Serial, v.SentAt))],
            db.Scope.Kind == ScopeKind.Community);
    }

    public async Task<Outcome> HandleAsync(Guid id, Form form, bool bindingValid, string by)
    {
        if (db.Scope.Kind != ScopeKind.Community || await PageAsync(id) is not { } page) return Outcome.Missing;
        form.Page = page;
        var errors = new List<FieldError>();
        var opinion = form.Opinion?.Trim();
        var reason = form.VetoReason?.Trim();
        if (form.Grade is { } g && !Enum.IsDefined(g)) errors.Add(new(nameof(Form.Grade), "评议等次无效"));
        if (opinion?.Length > FeedbackCard.OpinionMaxLength) errors.Add(new(nameof(Form.Opinion), $"社区党组织意见不能超过{FeedbackCard.OpinionMaxLength}字"));
        if (form.Veto && string.IsNullOrEmpty(reason)) errors.Add(new(nameof(Form.VetoReason), "一票否决必须填写否决理由"));
        if (form.Veto && reason?.Length > FeedbackCard.VetoReasonMaxLength) errors.Add(new(nameof(Form.VetoReason), $"否决理由不能超过{FeedbackCard.VetoReasonMaxLength}字"));
        if (form.Version is null) errors.Add(new("", Stale));
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(id, errors);

        var card = await db.FeedbackCards.FirstAsync(c => c.Id == id);
        try
        {
            card.Review(form.Grade, form.Opinion, form.Veto, form.VetoReason, by, db.Time.GetUtcNow().UtcDateTime);
            db.Entry(card).Property(x => x.Version).OriginalValue = form.Version!.Value;
            await db.SaveChangesAsync();
        }
        catch (FeedbackException e)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(id, "", e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(id, "", Stale);
        }
        return Outcome.Saved(id);
    }
}
