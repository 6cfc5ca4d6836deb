using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>What the figures were measured on.</summary>
internal static class Machine
{
    public static IEnumerable<string> Describe()
    {
        yield return $"CPU: {Environment.ProcessorCount} logical processors (nproc){Cpu()}";
        yield return $"Memory: {Memory()}";
        yield return $"OS: {OsName()} (kernel {Kernel()}, {RuntimeInformation.OSArchitecture})";
        yield return $".NET: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {BuildConfiguration()} build";
    }

    /// <summary>Load average now, to tell a busy machine (1, 5, 15 minutes).</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>Release or Debug, for this tool and for the portal's assembly.</summary>
    public static string BuildConfiguration()
    {
        static bool Optimized(Assembly a) => a.GetCustomAttribute<System.Diagnostics.DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        var web = typeof(Web.PortalApp).Assembly;
        return (Optimized(typeof(Machine).Assembly), Optimized(web)) switch
        {
            (true, true) => "Release",
            (false, false) => "Debug",
            _ => "mixed Release/Debug",
        };
    }

    public static bool IsRelease => BuildConfiguration() == "Release";

    private static string Cpu()
    {
        try
        {
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return model is null ? "" : ", " + model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Memory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return $"{kb / 1024.0 / 1024.0:0.0} GiB";
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0:0.0} GiB available to .NET";
        }
    }

    private static string Kernel()
    {
        try { return File.ReadAllText("/proc/sys/kernel/osrelease").Trim(); }
        catch (IOException) { return Environment.OSVersion.Version.ToString(); }
    }

    private static string OsName()
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (line is not null) return line["PRETTY_NAME=".Length..].Trim('"');
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.OSDescription;
    }
}
