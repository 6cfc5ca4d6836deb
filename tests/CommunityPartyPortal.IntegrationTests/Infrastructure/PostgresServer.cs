using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;
using Xunit;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster shared by the whole test run. <see cref="Instance"/> starts it on
/// first use (initdb into a fresh temp folder, trust auth on 127.0.0.1, a free port, no durability)
/// and it is stopped and deleted when the test process exits; a detached watchdog does the same if the
/// process dies without running its exit handlers. When the environment variable
/// <c>PORTAL_TEST_PG</c> holds a connection string, that server is used instead and nothing is started.
/// Missing PostgreSQL binaries fail the tests that need them (they are not skipped).
/// </summary>
public sealed partial class PostgresServer
{
    public const string EnvironmentVariable = "PORTAL_TEST_PG";

    private static readonly Lazy<PostgresServer> LazyInstance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server of this test run, started on first use (thread-safe).</summary>
    public static PostgresServer Instance => LazyInstance.Value;

    private readonly LocalCluster? cluster;
    private readonly List<string> createdDatabases = [];
    private readonly object gate = new();

    private PostgresServer(string baseConnectionString, LocalCluster? cluster)
    {
        BaseConnectionString = baseConnectionString;
        this.cluster = cluster;
    }

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string BaseConnectionString { get; }

    /// <summary>True when the server was started by this process (not given by <c>PORTAL_TEST_PG</c>).</summary>
    public bool IsThrowaway => cluster is not null;

    /// <summary>Creates a brand-new empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = DatabaseName(prefix);
        await using (var connection = new NpgsqlConnection(BaseConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }
        lock (gate) createdDatabases.Add(name);
        // Each database gets its own pool; let idle connections go soon so hundreds of test databases
        // do not hold the server's connection slots.
        return new NpgsqlConnectionStringBuilder(BaseConnectionString)
        {
            Database = name,
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
        }.ConnectionString;
    }

    /// <summary>
    /// <c>{prefix}_pt{yyMMddHHmm}_{random}</c>: unique, and the UTC creation minute lets a later run on
    /// a shared server (<c>PORTAL_TEST_PG</c>) drop what an interrupted run left behind.
    /// </summary>
    private static string DatabaseName(string prefix)
    {
        var clean = new string([.. prefix.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')]);
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0])) clean = "t_" + clean;
        if (clean.Length > 32) clean = clean[..32];
        return $"{clean}_pt{DateTime.UtcNow.ToString("yyMMddHHmm", CultureInfo.InvariantCulture)}_{Guid.NewGuid():N}"[..(clean.Length + 22)];
    }

    [GeneratedRegex(@"_pt(?<stamp>\d{10})_[0-9a-f]{8}$")]
    private static partial Regex TestDatabasePattern();

    private static PostgresServer Create()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new PostgresServer(external, cluster: null);
            server.DropStaleDatabases();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DropCreatedDatabases();
            return server;
        }

        var local = LocalCluster.Start();
        var started = new PostgresServer(local.ConnectionString, local);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => local.Dispose();
        return started;
    }

    /// <summary>
    /// On a server we did not start, remove the databases this run created (best effort: the test
    /// runner may kill the process before this finishes; <see cref="DropStaleDatabases"/> catches up).
    /// </summary>
    private void DropCreatedDatabases()
    {
        string[] names;
        lock (gate) names = [.. createdDatabases];
        Drop(names);
    }

    /// <summary>Drops test databases that earlier runs left on a shared server (created over six hours ago).</summary>
    private void DropStaleDatabases()
    {
        var stale = new List<string>();
        using (var connection = new NpgsqlConnection(BaseConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate", connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                if (TestDatabasePattern().Match(name) is { Success: true } match
                    && DateTime.TryParseExact(match.Groups["stamp"].Value, "yyMMddHHmm", CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created)
                    && created < DateTime.UtcNow.AddHours(-6))
                {
                    stale.Add(name);
                }
            }
        }
        Drop(stale);
    }

    private void Drop(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0) return;
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(BaseConnectionString);
            connection.Open();
            foreach (var name in names)
            {
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                command.ExecuteNonQuery();
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            Console.Error.WriteLine($"PostgresServer: could not drop test databases: {e.Message}");
        }
    }

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

/// <summary>
/// For xunit: <c>[Collection(PostgresCollection.Name)]</c> on a test class starts the shared server before
/// the class runs (and fails it loudly when PostgreSQL is missing). Using <see cref="PostgresServer.Instance"/>
/// directly works as well; both give the same server.
/// </summary>
public sealed class PostgresFixture
{
    public PostgresServer Server { get; } = PostgresServer.Instance;

    public Task<string> CreateDatabaseAsync(string prefix) => Server.CreateDatabaseAsync(prefix);
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
