namespace CommunityPartyPortal.Domain.Feedback;

/// <summary>
/// A feedback rule refused a change (a send without a grade, a veto without its reason, an edit of a sent card, a
/// cycle closed before it ended, …). The message is for the user (Chinese). Thrown by the entities' methods and by
/// <c>SaveChanges</c>, before anything is saved.
/// </summary>
public sealed class FeedbackException(string message) : InvalidOperationException(message);
