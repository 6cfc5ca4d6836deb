using System.Collections.Concurrent;
using System.Text.Json;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyPortal.Web.Features.Exports;

/// <summary>
/// The export jobs and their files under the data folder (<c>exports/</c>): <c>{id}.json</c> is the job, <c>{id}.bin</c>
/// its file once done. Jobs are kept in memory too (a dictionary loaded at start); every change is written through, with a
/// rename so a reader never sees half a job. A job found queued or running at start was interrupted by a restart: it is
/// marked failed. Expired jobs (a day old) are deleted with their files by <see cref="DeleteExpired"/>.
/// </summary>
public sealed class ExportStore
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly ConcurrentDictionary<Guid, ExportJob> jobs = new();
    private readonly object writeLock = new();

    public ExportStore(IOptions<PortalOptions> options, IWebHostEnvironment host, TimeProvider time)
    {
        var data = options.Value.DataFolder;
        Folder = Path.Combine(Path.IsPathRooted(data) ? data : Path.Combine(host.ContentRootPath, data), "exports");
        Directory.CreateDirectory(Folder);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var file in Directory.EnumerateFiles(Folder, "*.json"))
        {
            ExportJob? job;
            try { job = JsonSerializer.Deserialize<ExportJob>(File.ReadAllText(file), Json); }
            catch (Exception e) when (e is JsonException or IOException) { job = null; }
            if (job is null) continue;
            if (!job.IsFinished)
            {
                job = job with { Status = ExportStatus.Failed, Error = "导出时服务已重启，请重新导出", FinishedAt = now, Stage = null };
                Write(job);
            }
            jobs[job.Id] = job;
        }
    }

    public string Folder { get; }

    public string FilePath(Guid id) => Path.Combine(Folder, id.ToString("N") + ".bin");

    public ExportJob? Find(Guid id) => jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>The user's jobs, newest first.</summary>
    public IReadOnlyList<ExportJob> ForUser(Guid userId) =>
        jobs.Values.Where(j => j.UserId == userId).OrderByDescending(j => j.CreatedAt).ToList();

    public void Save(ExportJob job)
    {
        lock (writeLock)
        {
            Write(job);
            jobs[job.Id] = job;
        }
    }

    /// <summary>Changes a job (the latest version of it) and saves it; returns the new version.</summary>
    public ExportJob Update(Guid id, Func<ExportJob, ExportJob> change)
    {
        lock (writeLock)
        {
            var job = change(jobs[id]);
            Write(job);
            jobs[id] = job;
            return job;
        }
    }

    /// <summary>Deletes the jobs (and files) that expired before <paramref name="now"/>; returns how many.</summary>
    public int DeleteExpired(DateTime now)
    {
        var expired = jobs.Values.Where(j => j.ExpiresAt <= now && j.IsFinished).ToList();
        foreach (var job in expired)
        {
            lock (writeLock)
            {
                jobs.TryRemove(job.Id, out _);
                TryDelete(FilePath(job.Id));
                TryDelete(JobPath(job.Id));
            }
        }
        return expired.Count;
    }

    private string JobPath(Guid id) => Path.Combine(Folder, id.ToString("N") + ".json");

    private void Write(ExportJob job)
    {
        var path = JobPath(job.Id);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(job, Json));
        File.Move(temp, path, overwrite: true);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
