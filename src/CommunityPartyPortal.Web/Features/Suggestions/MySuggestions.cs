using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Suggestions;

/// <summary>我的建议: a member's own suggestions with the community's answers, and the form to submit one.</summary>
public sealed class MySuggestions(PortalDbContext db, RecordSuggestion record) : IUseCase
{
    public sealed record Item(Guid Id, DateOnly SubmittedOn, string Title, string Content, string? Addressee,
        SuggestionStatus Status, string? Answer, DateOnly? AnsweredOn);

    public sealed class Model
    {
        public required IReadOnlyList<Item> Items { get; init; }
        public required RecordSuggestion.Form Form { get; set; }
    }

    /// <summary>null when the user is not a member account.</summary>
    public async Task<Model?> HandleAsync(RecordSuggestion.Form? form = null)
    {
        if (db.Scope.Kind != ScopeKind.Member) return null;
        // The scope shows a member only his own suggestions.
        var self = db.Scope.MemberId;
        var items = await db.Suggestions.AsNoTracking().Where(s => s.MemberId == self)
            .OrderByDescending(s => s.SubmittedOn).ThenByDescending(s => s.CreatedAt).Take(200)
            .Select(s => new Item(s.Id, s.SubmittedOn, s.Title, s.Content, s.Addressee, s.Status, s.Answer, s.AnsweredOn))
            .ToListAsync();
        var f = form ?? record.NewForm();
        if (form is not null) f.Today = record.NewForm().Today;
        return new Model { Items = items, Form = f };
    }
}
