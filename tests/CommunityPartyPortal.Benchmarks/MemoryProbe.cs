using System.Diagnostics;
using System.Globalization;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// How much memory one operation of the portal (in this process) needs. Before it: two full blocking compacting
/// collections, then the kernel's peak resident set (VmHWM) is reset to the current one (<c>/proc/self/clear_refs</c>).
/// During it: the resident set and the managed heap are sampled every few milliseconds. After it: the peak resident
/// set over the one before (VmHWM when it could be reset, else the sampled peak), the peak managed heap over the one
/// before, and the bytes allocated in all. The load generator shares the process; it streams what it receives to a
/// file, so its share is a few buffers.
/// </summary>
internal sealed class MemoryProbe : IAsyncDisposable
{
    /// <summary>What one operation used, in bytes.</summary>
    public sealed record Usage(long PeakResidentGrowth, long PeakHeapGrowth, long Allocated, long ResidentBefore, bool KernelPeak);

    private readonly long residentBefore;
    private readonly long heapBefore;
    private readonly long allocatedBefore;
    private readonly bool peakReset;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampler;
    private long peakResident;
    private long peakHeap;

    private MemoryProbe()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        peakReset = ResetPeak();
        residentBefore = Status("VmRSS:") ?? Environment.WorkingSet;
        heapBefore = GC.GetTotalMemory(false);
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        peakResident = residentBefore;
        peakHeap = heapBefore;
        sampler = Task.Run(SampleAsync);
    }

    /// <summary>Collects, resets the peak and starts sampling: call right before the operation.</summary>
    public static MemoryProbe Start() => new();

    private async Task SampleAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Sample();
            try { await Task.Delay(5, stop.Token); }
            catch (OperationCanceledException) { break; }
        }
    }

    private void Sample()
    {
        var rss = Status("VmRSS:") ?? Environment.WorkingSet;
        var heap = GC.GetTotalMemory(false);
        if (rss > Interlocked.Read(ref peakResident)) Interlocked.Exchange(ref peakResident, rss);
        if (heap > Interlocked.Read(ref peakHeap)) Interlocked.Exchange(ref peakHeap, heap);
    }

    /// <summary>Stops sampling: call right after the operation.</summary>
    public async Task<Usage> StopAsync()
    {
        Sample();
        await stop.CancelAsync();
        await sampler;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var hwm = peakReset ? Status("VmHWM:") : null;
        var peak = Math.Max(hwm ?? 0, Interlocked.Read(ref peakResident));
        return new Usage(Math.Max(0, peak - residentBefore), Math.Max(0, Interlocked.Read(ref peakHeap) - heapBefore), allocated, residentBefore, hwm is not null);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested) await stop.CancelAsync();
        try { await sampler; }
        catch (OperationCanceledException) { }
        stop.Dispose();
    }

    /// <summary>Resets VmHWM to the current resident set (Linux 4.0+); false where not permitted.</summary>
    private static bool ResetPeak()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return false;
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A "kB" line of /proc/self/status in bytes, or null.</summary>
    private static long? Status(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
                var parts = line[key.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString(bytes >= 100 * 1024 * 1024 ? "0" : "0.0", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds since <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static double Ms(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
