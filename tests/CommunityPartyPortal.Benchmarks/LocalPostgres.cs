using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// A throwaway PostgreSQL cluster for one benchmark run: initdb into <c>root</c> (trust auth, locale C,
/// UTF-8), listening on 127.0.0.1 only on a free port, run as the <c>postgres</c> OS user when we are
/// root. Server settings are PostgreSQL's defaults (shared_buffers 128MB, fsync on) apart from the
/// address, port and socket folder. Stopped by <see cref="Dispose"/>; <see cref="TempFolder"/>'s
/// watchdog stops it too if this process dies first.
/// </summary>
internal sealed class LocalPostgres : IDisposable
{
    private readonly string bin;
    private readonly string root;
    private readonly bool asRoot;
    private int disposed;

    private LocalPostgres(string bin, string root, int port, bool asRoot)
    {
        this.bin = bin;
        this.root = root;
        this.asRoot = asRoot;
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(root, "data");

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = "postgres",
        Timeout = 30,
    }.ConnectionString;

    public static LocalPostgres Start(string root)
    {
        var bin = FindBinaries();
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", ["postgres:postgres", root], root, asPostgres: false);
        Run(Path.Combine(bin, "initdb"),
            ["-D", Path.Combine(root, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            root, asRoot);

        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var server = new LocalPostgres(bin, root, FreePort(), asRoot);
            try
            {
                Run(Path.Combine(bin, "pg_ctl"),
                    ["start", "-w", "-t", "60", "-D", server.DataDirectory, "-l", Path.Combine(root, "server.log"),
                     "-o", $"-p {server.Port} -k {root} -c listen_addresses=127.0.0.1"],
                    root, asRoot, Path.Combine(root, "server.log"));
                return server;
            }
            catch (InvalidOperationException e)
            {
                last = e;
                server.Dispose();
            }
        }
        throw new InvalidOperationException("The PostgreSQL cluster did not start.", last);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        NpgsqlConnection.ClearAllPools();
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) return;
        try
        {
            Run(Path.Combine(bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], root, asRoot, throwOnFailure: false);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"warning: could not stop PostgreSQL: {e.Message}");
        }
    }

    /// <summary>The newest /usr/lib/postgresql/&lt;version&gt;/bin with initdb and pg_ctl.</summary>
    private static string FindBinaries()
    {
        const string baseDirectory = "/usr/lib/postgresql";
        var found = Directory.Exists(baseDirectory)
            ? Directory.GetDirectories(baseDirectory)
                .Select(d => (Bin: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Bin, "initdb")) && File.Exists(Path.Combine(c.Bin, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Bin)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "No PostgreSQL binaries under /usr/lib/postgresql/*/bin: install the Debian package postgresql, or pass --pg \"connection string\".");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    private static void Run(string file, IReadOnlyList<string> arguments, string workingDirectory, bool asPostgres,
        string? logOnFailure = null, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["LC_ALL"] = "C";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {file}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish in 120 s.");
        }
        if (process.ExitCode != 0 && throwOnFailure)
        {
            var log = logOnFailure is not null && File.Exists(logOnFailure) ? File.ReadAllText(logOnFailure) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}\n{log}");
        }
    }
}

/// <summary>
/// The run's temp folder. A detached watchdog (its own session) waits for this process to end, however
/// it ends, then stops a PostgreSQL cluster started in the folder (if any) and deletes the folder.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portal-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"[..36]);
        Directory.CreateDirectory(Path);
        StartWatchdog();
    }

    public string Path { get; }

    public void Dispose()
    {
        try { if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true); }
        catch (IOException e) { Console.Error.WriteLine($"warning: could not delete {Path}: {e.Message}"); }
        catch (UnauthorizedAccessException e) { Console.Error.WriteLine($"warning: could not delete {Path}: {e.Message}"); }
    }

    private void StartWatchdog()
    {
        var pidFile = Quote(System.IO.Path.Combine(Path, "pg", "data", "postmaster.pid"));
        var script =
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"if [ -f {pidFile} ]; then P=$(head -n 1 {pidFile}); kill -INT \"$P\" 2>/dev/null; i=0; " +
            $"while [ -f {pidFile} ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; [ -f {pidFile} ] && kill -9 \"$P\" 2>/dev/null; fi; " +
            $"rm -rf {Quote(Path)}";
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var a in new[] { "sh", "-c", script }) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start);
            process?.StandardInput.Close();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"warning: no cleanup watchdog ({e.Message}); {Path} is deleted only on a normal exit.");
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
