using System.Globalization;
using System.Text;
using CommunityPartyPortal.Domain.Data;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>The command line of a benchmark run.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/CommunityPartyPortal.Benchmarks -- <benchmark> [options]

        benchmarks:
          member-list            GET /members (list, deep pages, sorting, search) as county and secretary
          documents              issue 3, one operation at a time: the county's roster export (GET /roster/export),
                                 1,000 报到回执 as PDF (POST /reporting/reports/pdf, and the renderer alone), the
                                 import of 10,000 rows (POST /roster/import, new and as updates); time, memory, size
          service                issue 4, with 500,000 service records: the secretary's check-in POST under 32
                                 clients, member search-as-you-type, a member's progress page, the 写实登记卡 batch
          feedback               issue 5: drafting the yearly 反馈卡 of the county (every in-service member reported),
                                 and one unit's batch PDF (covering letter + 500 cards)
          summaries              issue 6: the county summary tables (报到, 服务群众) as .xlsx and PDF against the physical
                                 limit (raw SQL aggregate + bare streaming write), time and peak memory; the dashboard
                                 GET / under 32 users as county and street admin; --sizes for the growth table

        options:
          --provider sqlite|postgresql   database (default sqlite: a file in a temp folder)
          --pg "connection string"       PostgreSQL: use this server (a fresh database is created in it and
                                         dropped at the end) instead of starting a throwaway cluster
          --members N                    synthetic county size (default 60000; 20 streets, 150 communities, 400 units)
          --records N                    service, feedback, summaries: synthetic service records (default 500000;
                                         --quick 20000)
          --sizes M:R,M:R,…              summaries: measure the tables at each size (members:records) on a fresh
                                         database each, and print the growth table (e.g. 60000:500000,400000:3000000)
          --requests N                   measured requests per scenario (default 2000)
          --warmup N                     unmeasured requests per scenario before the measured run (default 50)
          --concurrency C                concurrent clients (default 8)
          --seconds S                    time limit of each scenario's measured run (default 120)
          --timeout-minutes M            hard limit of the whole run (default 30)
          --quick                        smoke run: 2000 members, 200 requests, fewer documents (explicit options still win)
          --quiet-log                    log warnings only (default: the production levels, one line per
                                         request to a log file in the temp folder; console warnings only)
          --analyze                      SQLite: run ANALYZE after seeding (the portal itself never does)
          --quiet-wait S                 before each scenario wait up to S seconds (default 30, 0: never) until
                                         other processes use less than a quarter of a core (shared machines)
          --retries N                    measure a scenario again, up to N times (default 2), when other processes
                                         used more than a quarter of a core during its run; the least disturbed
                                         run is reported
          --scenarios a,b,…              measure only these scenarios (member-list: 0 a b b2 c d e4 e8 f g h;
                                         documents: export pdf pdf-direct import)
          --runs N                       documents: measured runs of the export and of each PDF (default 5; --quick 2);
                                         summaries: measured runs of each operation (default 3)
          --receipts N                   documents: 报到回执 in the PDF batch (default 1000; --quick 100)
          --import-rows N                documents: rows of each import file (default 10000; --quick 1000)
          --import-runs N                documents: imports of a new file, each followed by its update (default 2; --quick 1)
          --sql FILE                     what-if: run the SQL in FILE after seeding (e.g. a candidate index); the
                                         report quotes it
          --show-sql                     print the SQL of one request of each scenario (to stderr); summaries: every
                                         statement of the raw SQL aggregate with its time
          --out FILE                     also write the Markdown report to FILE
        """;

    public required string Benchmark { get; init; }
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;
    public string? PgConnectionString { get; init; }
    public int Members { get; init; }
    public int Requests { get; init; }
    public int Warmup { get; init; } = 50;
    public int Concurrency { get; init; } = 8;
    public int Seconds { get; init; } = 120;
    public int TimeoutMinutes { get; init; } = 30;
    public bool Quick { get; init; }
    public bool QuietLog { get; init; }
    public bool Analyze { get; init; }
    public bool ShowSql { get; init; }
    public int QuietWait { get; init; } = 30;
    public int Retries { get; init; } = 2;
    public int Runs { get; init; } = 5;
    /// <summary>summaries: measured runs of each operation (--runs, default 3).</summary>
    public int SummaryRuns { get; init; } = 3;
    /// <summary>Synthetic service records (--records); null: the benchmark's default.</summary>
    public int? Records { get; init; }
    /// <summary>summaries: the (members, records) sizes to measure in turn (--sizes); null: --members/--records.</summary>
    public IReadOnlyList<(int Members, int Records)>? Sizes { get; init; }
    public int Receipts { get; init; } = 1_000;
    public int ImportRows { get; init; } = 10_000;
    public int ImportRuns { get; init; } = 2;
    public IReadOnlyList<string>? Scenarios { get; init; }
    public string? SqlFile { get; init; }
    public string? Out { get; init; }

    /// <summary>The command as typed, for the report.</summary>
    public required string CommandLine { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) throw new ArgumentException("Name the benchmark first (member-list, documents, service, feedback, summaries).");
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string[] known = ["provider", "pg", "members", "requests", "warmup", "concurrency", "seconds", "timeout-minutes", "quiet-wait", "retries", "scenarios", "sql", "out",
            "runs", "receipts", "import-rows", "import-runs", "records", "sizes"];
        string[] knownFlags = ["quick", "quiet-log", "analyze", "show-sql"];
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{arg}'.");
            var name = arg[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[name[..eq]] = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (knownFlags.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                flags.Add(name);
                continue;
            }
            else if (i + 1 < args.Length)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase)) throw new ArgumentException($"Unknown option --{name}.");
        }

        var quick = flags.Contains("quick");
        int Int(string key, int fallback, int min)
        {
            if (!values.TryGetValue(key, out var text)) return fallback;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            {
                throw new ArgumentException($"--{key} must be a whole number of at least {min}.");
            }
            return value;
        }

        var pg = values.GetValueOrDefault("pg");
        var provider = values.TryGetValue("provider", out var p)
            ? PortalDatabase.ParseProvider(p)
            : pg is not null ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
        if (pg is not null && provider != DatabaseProvider.PostgreSql) throw new ArgumentException("--pg goes with --provider postgresql.");

        return new BenchOptions
        {
            Benchmark = args[0],
            Provider = provider,
            PgConnectionString = pg,
            Members = Int("members", quick ? 2_000 : 60_000, 100),
            Requests = Int("requests", quick ? 200 : 2_000, 1),
            Warmup = Int("warmup", 50, 0),
            Concurrency = Int("concurrency", 8, 1),
            Seconds = Int("seconds", 120, 1),
            TimeoutMinutes = Int("timeout-minutes", 30, 1),
            Quick = quick,
            QuietLog = flags.Contains("quiet-log"),
            Analyze = flags.Contains("analyze"),
            ShowSql = flags.Contains("show-sql"),
            QuietWait = Int("quiet-wait", 30, 0),
            Retries = Int("retries", 2, 0),
            Runs = Int("runs", quick ? 2 : 5, 1),
            SummaryRuns = Int("runs", 3, 1),
            Records = values.ContainsKey("records") ? Int("records", 0, 0) : null,
            Sizes = values.TryGetValue("sizes", out var sizes) ? ParseSizes(sizes) : null,
            Receipts = Int("receipts", quick ? 100 : 1_000, 1),
            ImportRows = Int("import-rows", quick ? 1_000 : 10_000, 1),
            ImportRuns = Int("import-runs", quick ? 1 : 2, 1),
            Scenarios = values.TryGetValue("scenarios", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
            Out = values.GetValueOrDefault("out"),
            SqlFile = values.GetValueOrDefault("sql"),
            CommandLine = "dotnet run -c Release --project tests/CommunityPartyPortal.Benchmarks -- " + string.Join(' ', args.Select(Quote)),
        };
    }

    /// <summary>"60000:500000,400000:3000000" → the (members, records) pairs.</summary>
    private static List<(int Members, int Records)> ParseSizes(string text)
    {
        var list = new List<(int, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split(':');
            if (pair.Length != 2
                || !int.TryParse(pair[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var members) || members < 100
                || !int.TryParse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var records) || records < 0)
            {
                throw new ArgumentException($"--sizes takes members:records pairs separated by commas (members at least 100), not '{part}'.");
            }
            list.Add((members, records));
        }
        if (list.Count == 0) throw new ArgumentException("--sizes needs at least one members:records pair.");
        return list;
    }

    /// <summary>The command line with a --pg password hidden.</summary>
    public string SafeCommandLine => PgConnectionString is null
        ? CommandLine
        : CommandLine.Replace(Quote(PgConnectionString), "'…'", StringComparison.Ordinal);

    private static string Quote(string arg)
    {
        if (arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or ',')) return arg;
        var text = new StringBuilder("'");
        text.Append(arg.Replace("'", "'\\''", StringComparison.Ordinal));
        return text.Append('\'').ToString();
    }
}
