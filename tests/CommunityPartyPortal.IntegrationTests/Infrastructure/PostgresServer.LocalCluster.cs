using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

public sealed partial class PostgresServer
{
    /// <summary>The initdb'd cluster in a temp folder, run as the <c>postgres</c> OS user when we are root.</summary>
    private sealed class LocalCluster : IDisposable
    {
        private readonly string binDirectory;
        private readonly string root;
        private readonly string dataDirectory;
        private int disposed;

        private LocalCluster(string binDirectory, string root, int port)
        {
            this.binDirectory = binDirectory;
            this.root = root;
            dataDirectory = Path.Combine(root, "data");
            Port = port;
        }

        public int Port { get; }

        public string ConnectionString => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
            Timeout = 30,
        }.ConnectionString;

        public static LocalCluster Start()
        {
            var bin = FindBinaries();
            var root = Path.Combine(Path.GetTempPath(), $"portal-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            Directory.CreateDirectory(root);
            var asRoot = Environment.UserName == "root";
            if (asRoot) Run("chown", ["postgres:postgres", root], root, asPostgres: false);

            LocalCluster? cluster = null;
            try
            {
                var dataDirectory = Path.Combine(root, "data");
                Run(Path.Combine(bin, "initdb"),
                    ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                    root, asRoot);
                StartWatchdog(root, dataDirectory);

                // A port can be taken between probing and binding: try a few.
                Exception? last = null;
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    cluster = new LocalCluster(bin, root, FreePort());
                    try
                    {
                        cluster.StartServer(asRoot);
                        cluster.WaitUntilAccepting();
                        return cluster;
                    }
                    catch (InvalidOperationException e)
                    {
                        last = e;
                        cluster.StopServer();
                    }
                }
                throw new InvalidOperationException("PostgresServer: the test cluster did not start.", last);
            }
            catch
            {
                cluster?.StopServer();
                TryDelete(root);
                throw;
            }
        }

        private static string FindBinaries()
        {
            const string baseDirectory = "/usr/lib/postgresql";
            var candidates = Directory.Exists(baseDirectory)
                ? Directory.GetDirectories(baseDirectory)
                    .Select(d => (Directory: d, Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                    .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Directory, "bin", "initdb")) && File.Exists(Path.Combine(c.Directory, "bin", "pg_ctl")))
                    .OrderByDescending(c => c.Version)
                    .ToList()
                : [];
            if (candidates.Count == 0)
            {
                throw new InvalidOperationException(
                    "PostgresServer: no PostgreSQL binaries under /usr/lib/postgresql/*/bin (initdb, pg_ctl). " +
                    "Install the Debian package postgresql, or set " + EnvironmentVariable + " to the connection string of a server.");
            }
            return Path.Combine(candidates[0].Directory, "bin");
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
            finally { listener.Stop(); }
        }

        private void StartServer(bool asRoot)
        {
            var options = string.Join(' ',
                $"-p {Port}",
                $"-k {root}",
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=500",
                "-c shared_buffers=64MB");
            Run(Path.Combine(binDirectory, "pg_ctl"),
                ["start", "-w", "-t", "60", "-D", dataDirectory, "-l", Path.Combine(root, "server.log"), "-o", options],
                root, asRoot, logOnFailure: Path.Combine(root, "server.log"));
        }

        private void WaitUntilAccepting()
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
                    connection.Open();
                    using var command = new NpgsqlCommand("SELECT 1", connection);
                    command.ExecuteScalar();
                    return;
                }
                catch (Exception e) when (e is NpgsqlException or SocketException && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                }
                catch (Exception e) when (e is NpgsqlException or SocketException)
                {
                    throw new InvalidOperationException($"PostgresServer: the cluster on port {Port} does not accept connections.", e);
                }
            }
        }

        /// <summary>
        /// Once this process is gone (exit handlers may be cut short by the test runner, or never run):
        /// immediate shutdown of the server (SIGQUIT), SIGKILL if it lingers, then delete the folder.
        /// </summary>
        private static void StartWatchdog(string root, string dataDirectory)
        {
            var pidFile = ExitWatchdog.Quote(Path.Combine(dataDirectory, "postmaster.pid"));
            ExitWatchdog.WhenProcessEnds(
                $"if [ -f {pidFile} ]; then P=$(head -n 1 {pidFile}); kill -QUIT \"$P\" 2>/dev/null; i=0; " +
                $"while [ -f {pidFile} ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; [ -f {pidFile} ] && kill -9 \"$P\" 2>/dev/null; fi; " +
                $"rm -rf {ExitWatchdog.Quote(root)}");
        }

        private void StopServer()
        {
            var pid = PostmasterPid();
            if (pid is null) return;
            try
            {
                Run(Path.Combine(binDirectory, "pg_ctl"), ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "10"],
                    root, Environment.UserName == "root", throwOnFailure: false);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Fall through to the kill below.
            }
            try
            {
                using var process = Process.GetProcessById(pid.Value);
                if (!process.HasExited) process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        private int? PostmasterPid()
        {
            var file = Path.Combine(dataDirectory, "postmaster.pid");
            try
            {
                var first = File.ReadLines(file).FirstOrDefault();
                return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>At process exit: immediate shutdown by signal (fast), then the folder. The watchdog covers what this misses.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1) return;
            if (PostmasterPid() is { } pid && kill(pid, SigQuit) == 0)
            {
                // The postmaster removes its pid file when it has shut down (the exited process itself may
                // linger as a zombie until init reaps it, so waiting on the pid would not tell).
                var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
                var deadline = DateTime.UtcNow.AddSeconds(5);
                while (File.Exists(pidFile) && DateTime.UtcNow < deadline) Thread.Sleep(20);
            }
            else
            {
                StopServer();
            }
            TryDelete(root);
        }

        private const int SigQuit = 3;

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);

        private static void TryDelete(string directory)
        {
            try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        private static void Run(string file, IReadOnlyList<string> arguments, string workingDirectory, bool asPostgres,
            bool throwOnFailure = true, string? logOnFailure = null)
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

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"PostgresServer: could not run {file}.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"PostgresServer: {Path.GetFileName(file)} did not finish in 120 s.");
            }
            if (process.ExitCode != 0 && throwOnFailure)
            {
                var log = logOnFailure is not null && File.Exists(logOnFailure) ? File.ReadAllText(logOnFailure) : "";
                throw new InvalidOperationException(
                    $"PostgresServer: {Path.GetFileName(file)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n" +
                    $"{stdout.Result}\n{stderr.Result}\n{log}");
            }
        }
    }
}
