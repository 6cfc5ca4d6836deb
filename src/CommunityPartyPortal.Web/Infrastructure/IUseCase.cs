namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>Marks a use-case handler (one per file under Features/): registered scoped by <see cref="PortalServices"/>.</summary>
public interface IUseCase;
