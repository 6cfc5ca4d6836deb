namespace CommunityPartyPortal.Domain.Common;

/// <summary>Base of every persisted entity: a time-ordered (v7) Guid key.</summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
}

/// <summary>
/// An entity users edit. <see cref="Version"/> is an application-managed optimistic concurrency token:
/// it changes on every save, works the same on SQLite and PostgreSQL, and a stale edit fails with
/// <c>DbUpdateConcurrencyException</c> instead of silently overwriting.
/// </summary>
public abstract class EditableEntity : Entity
{
    public Guid Version { get; set; } = Guid.NewGuid();
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
