using CommunityPartyPortal.Domain.Scoping;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>
/// The access scope of a unit of work that runs outside its request but on behalf of its user (a background export):
/// set once, before anything in the DI scope reads the scope, and honoured by <see cref="HttpAccessScopeAccessor"/>.
/// </summary>
public sealed class ScopeOverride
{
    private AccessScope? scope;

    public AccessScope? Scope
    {
        get => scope;
        set
        {
            if (scope is not null) throw new InvalidOperationException("The scope of this unit of work is already set.");
            scope = value;
        }
    }
}
