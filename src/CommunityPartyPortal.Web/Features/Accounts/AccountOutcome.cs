namespace CommunityPartyPortal.Web.Features.Accounts;

/// <summary>
/// What an account use case did: the account was not found (404), was refused with errors by field
/// ("" for the whole form), or was changed (a message for the next page).
/// </summary>
public sealed record AccountOutcome(bool Found, IReadOnlyList<(string Field, string Message)> Errors, string? Message = null)
{
    public static readonly AccountOutcome Missing = new(false, []);

    public bool Succeeded => Found && Errors.Count == 0;

    public static AccountOutcome Done(string message) => new(true, [], message);

    public static AccountOutcome Refused(string message, string field = "") => new(true, [(field, message)]);

    public static AccountOutcome Refused(IReadOnlyList<(string Field, string Message)> errors) => new(true, errors);
}
