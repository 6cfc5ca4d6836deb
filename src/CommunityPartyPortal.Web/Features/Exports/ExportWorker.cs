using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyPortal.Web.Features.Exports;

/// <summary>
/// Runs the queued exports in the background, off the request threads: <see cref="PortalOptions.ExportWorkers"/> at a
/// time, each in a DI scope of its own with the scope of the user who asked for it. The file is written to a temporary
/// name and renamed when complete, so a download never sees half a file. A failure is logged and shown to the user as
/// 「导出失败」 with a short reason. Every ten minutes (and at start) the expired jobs are deleted with their files.
/// </summary>
public sealed partial class ExportWorker(
    ExportQueue queue, ExportStore store, IServiceProvider services, TimeProvider time, IOptions<PortalOptions> options,
    ILogger<ExportWorker> logger) : BackgroundService
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SaveProgressEvery = TimeSpan.FromMilliseconds(500);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, Math.Max(1, options.Value.ExportWorkers)).Select(_ => RunQueueAsync(stoppingToken));
        return Task.WhenAll([.. workers, CleanupAsync(stoppingToken)]);
    }

    private async Task RunQueueAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try { await RunAsync(work, stoppingToken); }
                finally { queue.MarkFinished(work.JobId); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs one export to its end (done or failed). Public for tests that run a job without the hosted loop.</summary>
    public async Task RunAsync(ExportWork work, CancellationToken stoppingToken)
    {
        var started = time.GetUtcNow().UtcDateTime;
        store.Update(work.JobId, j => j with { Status = ExportStatus.Running, StartedAt = started, Stage = "正在生成" });
        var path = store.FilePath(work.JobId);
        var temp = path + ".tmp";
        var lastSave = DateTime.MinValue;
        var progressLock = new object();
        void Report(int percent, string? stage)
        {
            lock (progressLock)
            {
                var now = time.GetUtcNow().UtcDateTime;
                if (now - lastSave < SaveProgressEvery && percent < 100) return;
                lastSave = now;
                store.Update(work.JobId, j => j with { Percent = Math.Max(j.Percent, percent), Stage = stage ?? j.Stage });
            }
        }

        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<ScopeOverride>().Scope = work.Scope;
                await using var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await work.Run(scope.ServiceProvider, new ExportContext(output, Report, stoppingToken));
            }
            File.Move(temp, path, overwrite: true);
            var bytes = new FileInfo(path).Length;
            store.Update(work.JobId, j => j with
            {
                Status = ExportStatus.Done, Percent = 100, Stage = null, FinishedAt = time.GetUtcNow().UtcDateTime, Bytes = bytes,
            });
            LogDone(logger, work.JobId, work.Scope.UserName, bytes, (time.GetUtcNow().UtcDateTime - started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, e, work.JobId, work.Scope.UserName);
            Fail(work.JobId, temp, e is ExportRefusedException refused ? refused.Message : "导出时发生错误，请稍后重试；如仍失败请联系管理员");
        }
        catch (OperationCanceledException)
        {
            Fail(work.JobId, temp, "导出时服务已停止，请重新导出");
        }
    }

    private void Fail(Guid id, string temp, string message)
    {
        try { File.Delete(temp); } catch (IOException) { }
        store.Update(id, j => j with { Status = ExportStatus.Failed, Stage = null, Error = message, FinishedAt = time.GetUtcNow().UtcDateTime });
    }

    private async Task CleanupAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(CleanupEvery, time);
            do
            {
                var deleted = store.DeleteExpired(time.GetUtcNow().UtcDateTime);
                if (deleted > 0) LogCleaned(logger, deleted);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {JobId} for {User} done: {Bytes} bytes in {Milliseconds:0} ms")]
    private static partial void LogDone(ILogger logger, Guid jobId, string user, long bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {JobId} for {User} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid jobId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired exports")]
    private static partial void LogCleaned(ILogger logger, int count);
}

/// <summary>An export refused for a reason the user can act on (Chinese message, shown as the job's error).</summary>
public sealed class ExportRefusedException(string message) : Exception(message);
