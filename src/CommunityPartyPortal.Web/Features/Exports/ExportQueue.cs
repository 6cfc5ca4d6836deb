using System.Threading.Channels;

namespace CommunityPartyPortal.Web.Features.Exports;

/// <summary>The exports waiting for the worker (<see cref="ExportWorker"/>), and a signal per job for those waiting on it.</summary>
public sealed class ExportQueue
{
    private readonly Channel<ExportWork> channel = Channel.CreateUnbounded<ExportWork>(new UnboundedChannelOptions { SingleReader = false });
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, TaskCompletionSource> finished = new();

    public ChannelReader<ExportWork> Reader => channel.Reader;

    public void Enqueue(ExportWork work)
    {
        finished.TryAdd(work.JobId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!channel.Writer.TryWrite(work)) throw new InvalidOperationException("The export queue is closed.");
    }

    /// <summary>Completes when the job is finished (done or failed), or at once for a job this process does not run.</summary>
    public Task WhenFinished(Guid jobId) => finished.TryGetValue(jobId, out var tcs) ? tcs.Task : Task.CompletedTask;

    internal void MarkFinished(Guid jobId)
    {
        if (finished.TryRemove(jobId, out var tcs)) tcs.TrySetResult();
    }
}
