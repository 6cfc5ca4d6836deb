using Microsoft.Data.Sqlite;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Fresh SQLite database files for tests, in one temp folder per test process that is deleted at exit
/// (by an exit handler, and by <see cref="ExitWatchdog"/> should the process be killed first).
/// Pooling is off so no connection keeps a file open after its test.
/// </summary>
public static class SqliteFiles
{
    private static readonly Lazy<string> Folder = new(CreateFolder, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of a new (not yet existing) database file.</summary>
    public static string NewDatabase(string prefix)
    {
        var clean = new string([.. prefix.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')]);
        var path = Path.Combine(Folder.Value, $"{(clean.Length == 0 ? "db" : clean)}-{Guid.NewGuid():N}.db");
        return new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
    }

    private static string CreateFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"portal-sqlite-{Environment.ProcessId}-{Guid.NewGuid():N}"[..44]);
        Directory.CreateDirectory(folder);
        ExitWatchdog.WhenProcessEnds($"rm -rf {ExitWatchdog.Quote(folder)}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
        return folder;
    }
}
