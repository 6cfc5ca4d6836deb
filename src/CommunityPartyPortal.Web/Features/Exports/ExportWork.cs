using CommunityPartyPortal.Domain.Scoping;

namespace CommunityPartyPortal.Web.Features.Exports;

/// <summary>
/// What a running export is given: where to write the file, how to report progress, and the cancellation of the portal's
/// shutdown. <see cref="Report"/> may be called as often as the work likes; the job is saved at most every half second.
/// </summary>
public sealed class ExportContext(Stream output, Action<int, string?> report, CancellationToken cancellation)
{
    public Stream Output { get; } = output;
    public CancellationToken CancellationToken { get; } = cancellation;

    /// <summary>Reports the progress (0–100) and, optionally, what the job is doing now (Chinese).</summary>
    public void Report(int percent, string? stage = null) => report(Math.Clamp(percent, 0, 100), stage);
}

/// <summary>
/// An export's work: run in a DI scope of its own with <see cref="Scope"/> (the scope of the user who asked for it), so
/// the DbContext it resolves sees what the user sees. The delegate must resolve what it needs from the provider it is
/// given and capture nothing of the request (its DbContext is disposed by the time the work runs).
/// </summary>
public sealed record ExportWork(Guid JobId, AccessScope Scope, Func<IServiceProvider, ExportContext, Task> Run);
