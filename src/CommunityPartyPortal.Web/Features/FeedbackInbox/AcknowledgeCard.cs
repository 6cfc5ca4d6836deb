using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Feedback;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.FeedbackInbox;

/// <summary>
/// The unit's card page: opening it marks the card read (the first time only: later opens write nothing), and the
/// 签收 form acknowledges it with how it was used (民主评议, 评先选优, 预备党员转正, 干部考察, and a note); the uses can be
/// corrected later with the same form. Optimistic concurrency on the card's version.
/// </summary>
public sealed class AcknowledgeCard(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const string Stale = "该反馈卡已被他人修改，请刷新后重试";

    public sealed class Form
    {
        [Display(Name = "反馈结果运用")] public List<FeedbackUse> Uses { get; set; } = [];
        [Display(Name = "使用说明")] public string? UsageNote { get; set; }
        public Guid? Version { get; set; }

        [BindNever, ValidateNever] public FeedbackCardView Card { get; set; } = null!;
        [BindNever, ValidateNever] public bool CanAcknowledge { get; set; }
    }

    /// <summary>Opens the card: marks it read the first time the unit opens it. Null when the viewer does not see it.</summary>
    public async Task<Form?> OpenAsync(Guid id, CancellationToken ct = default)
    {
        if (db.Scope.Kind == ScopeKind.Unit)
        {
            var card = await db.FeedbackCards.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (card is null) return null;
            if (card.Status == FeedbackCardStatus.Sent && card.ReadAt is null)
            {
                card.MarkRead(time.GetUtcNow().UtcDateTime);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Someone else opened or acknowledged it meanwhile: it is read either way.
                }
                db.ChangeTracker.Clear();
            }
        }
        var view = await FeedbackCardView.LoadAsync(db, await trees.GetAsync(ct), id, ct);
        if (view is null) return null;
        return new Form
        {
            Uses = FeedbackCardView.AllUses.Where(u => view.Uses.HasFlag(u)).ToList(),
            UsageNote = view.UsageNote,
            Version = view.Version,
            Card = view,
            CanAcknowledge = db.Scope.Kind == ScopeKind.Unit,
        };
    }

    public async Task<Outcome> HandleAsync(Guid id, Form form, bool bindingValid, string by, CancellationToken ct = default)
    {
        if (db.Scope.Kind != ScopeKind.Unit) return Outcome.Missing;
        var card = await db.FeedbackCards.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (card is null || !card.IsSent) return Outcome.Missing;
        var view = await FeedbackCardView.LoadAsync(db, await trees.GetAsync(ct), id, ct);
        form.Card = view!;
        form.CanAcknowledge = true;

        var errors = new List<FieldError>();
        var uses = form.Uses.Aggregate(FeedbackUse.None, (all, u) => all | u);
        var note = string.IsNullOrWhiteSpace(form.UsageNote) ? null : form.UsageNote.Trim();
        if (form.Uses.Any(u => !FeedbackCardView.AllUses.Contains(u))) errors.Add(new(nameof(Form.Uses), "反馈结果运用方式无效"));
        if (note?.Length > FeedbackCard.UsageNoteMaxLength) errors.Add(new(nameof(Form.UsageNote), $"使用说明不能超过{FeedbackCard.UsageNoteMaxLength}字"));
        if (uses == FeedbackUse.None && note is not null) errors.Add(new(nameof(Form.Uses), "填写使用说明时请勾选反馈结果运用方式"));
        if (form.Version is null) errors.Add(new("", Stale));
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(id, errors);

        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            card.Acknowledge(by.Length > 50 ? by[..50] : by, now);
            card.RecordUse(uses, note);
        }
        catch (FeedbackException e)
        {
            return Outcome.Invalid(id, "", e.Message);
        }
        db.Entry(card).Property(c => c.Version).OriginalValue = form.Version!.Value;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(id, "", Stale);
        }
        return Outcome.Saved(id);
    }
}
