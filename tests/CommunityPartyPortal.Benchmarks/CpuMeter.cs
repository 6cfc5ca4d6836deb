using System.Diagnostics;
using System.Globalization;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// CPU used during a run, in cores (1.0 = one core busy all the time), from /proc: the whole machine,
/// this process (portal and load generator), the PostgreSQL server when this run started it, and the
/// rest — other processes, which on a shared machine disturb the figures.
/// </summary>
internal sealed class CpuMeter(Func<IEnumerable<int>>? serverProcesses)
{
    public sealed record Usage(double Machine, double Own, double Server)
    {
        public double Others => Math.Max(0, Machine - Own - Server);
    }

    private readonly record struct Sample(long MachineBusy, long MachineTotal, TimeSpan Own, long Server, long At);

    private Sample Take()
    {
        var (busy, total) = MachineTicks();
        using var self = Process.GetCurrentProcess();
        return new Sample(busy, total, self.TotalProcessorTime, ServerTicks(), Stopwatch.GetTimestamp());
    }

    /// <summary>Measures around <paramref name="action"/>.</summary>
    public async Task<(T Result, Usage Cpu)> MeasureAsync<T>(Func<Task<T>> action)
    {
        var before = Take();
        var result = await action();
        return (result, Between(before, Take()));
    }

    /// <summary>Waits until other processes use less than <paramref name="maxOthers"/> cores (sampled over 2 s), at most <paramref name="limit"/>.</summary>
    public async Task<Usage> WaitForQuietAsync(double maxOthers, TimeSpan limit, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var before = Take();
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            var usage = Between(before, Take());
            if (usage.Others <= maxOthers || clock.Elapsed >= limit) return usage;
        }
    }

    private static Usage Between(Sample a, Sample b)
    {
        var seconds = Stopwatch.GetElapsedTime(a.At, b.At).TotalSeconds;
        if (seconds <= 0) return new Usage(0, 0, 0);
        var totalTicks = b.MachineTotal - a.MachineTotal;
        var machine = totalTicks > 0 ? (double)(b.MachineBusy - a.MachineBusy) / totalTicks * Environment.ProcessorCount : 0;
        var own = (b.Own - a.Own).TotalSeconds / seconds;
        var server = (b.Server - a.Server) / (double)ClockTicksPerSecond / seconds;
        return new Usage(machine, own, server);
    }

    private const int ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Busy and total jiffies of all CPUs (first line of /proc/stat; idle = idle + iowait).</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Sum();
            return (total - fields[3] - fields[4], total);
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            return (0, 0);
        }
    }

    /// <summary>utime + stime of the server's processes (postmaster and its children).</summary>
    private long ServerTicks()
    {
        if (serverProcesses is null) return 0;
        long sum = 0;
        foreach (var pid in serverProcesses())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After "(comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12.
                sum += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
            {
                // The process ended in between.
            }
        }
        return sum;
    }

    /// <summary>The postmaster (first line of postmaster.pid) and its child processes.</summary>
    public static IEnumerable<int> PostgresProcesses(string dataDirectory)
    {
        int postmaster;
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            if (!int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out postmaster)) yield break;
        }
        catch (IOException)
        {
            yield break;
        }
        yield return postmaster;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)) continue;
            int parent;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
            {
                continue;
            }
            if (parent == postmaster) yield return pid;
        }
    }
}
