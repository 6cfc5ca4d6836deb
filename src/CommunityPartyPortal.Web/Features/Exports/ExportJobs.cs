using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyPortal.Web.Features.Exports;

/// <summary>
/// Starting a long export and finding the user's exports. A feature starts its export here with the work to run (see
/// <see cref="ExportWork"/>); the request then waits up to <see cref="PortalOptions.ExportInlineWaitMilliseconds"/> (a
/// second): a quick export is answered with its file at once, a longer one with its status page (see
/// <see cref="ExportResults"/>). Jobs belong to the user who started them: anyone else gets nothing (404).
/// </summary>
public sealed class ExportJobs(PortalDbContext db, ExportStore store, ExportQueue queue, AuditLog audit, TimeProvider time,
    IOptions<PortalOptions> options) : IUseCase
{
    /// <summary>Queues an export for the signed-in user and audits it ("export.start").</summary>
    public async Task<ExportJob> StartAsync(string title, string fileName, string fallbackName, string contentType,
        Func<IServiceProvider, ExportContext, Task> run)
    {
        var scope = db.Scope;
        if (scope.UserId is not { } userId) throw new InvalidOperationException("Only a signed-in user starts an export.");
        var now = time.GetUtcNow().UtcDateTime;
        var job = new ExportJob
        {
            UserId = userId, UserName = scope.UserName, Title = title, FileName = fileName, FallbackName = fallbackName,
            ContentType = contentType, CreatedAt = now, ExpiresAt = now + ExportStore.KeptFor, Stage = "排队中",
        };
        store.Save(job);
        await audit.WriteAsync("export.start", "Export", job.Id.ToString(), true, title);
        queue.Enqueue(new ExportWork(job.Id, scope, run));
        return job;
    }

    /// <summary>Waits (at most the inline wait) for the job to finish; returns its latest state.</summary>
    public async Task<ExportJob> WaitAsync(ExportJob job, CancellationToken ct)
    {
        var wait = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.ExportInlineWaitMilliseconds));
        if (wait > TimeSpan.Zero)
        {
            try { await queue.WhenFinished(job.Id).WaitAsync(wait, time, ct); }
            catch (TimeoutException) { }
        }
        return store.Find(job.Id) ?? job;
    }

    /// <summary>The signed-in user's job, or null (not found, expired, or someone else's).</summary>
    public ExportJob? Find(Guid id) =>
        store.Find(id) is { } job && job.UserId == db.Scope.UserId && job.ExpiresAt > time.GetUtcNow().UtcDateTime ? job : null;

    /// <summary>The signed-in user's jobs of the last day, newest first.</summary>
    public IReadOnlyList<ExportJob> Mine()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Scope.UserId is { } userId ? store.ForUser(userId).Where(j => j.ExpiresAt > now).ToList() : [];
    }

    /// <summary>The finished file of the user's job, opened for reading, and audits the download; null when not ready.</summary>
    public async Task<(ExportJob Job, Stream Content)?> OpenAsync(Guid id)
    {
        if (Find(id) is not { Status: ExportStatus.Done } job) return null;
        Stream content;
        try { content = new FileStream(store.FilePath(id), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true); }
        catch (FileNotFoundException) { return null; }
        await audit.WriteAsync("export.download", "Export", id.ToString(), true, job.Title);
        return (job, content);
    }
}
