using System.Diagnostics;

namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Cleanup that survives the test process: a detached shell (its own session, so killing our process
/// group spares it) waits until this process is gone, however it ended, and then runs a command.
/// The test runner kills the test host shortly after the run, often before exit handlers finish, so
/// exit handlers alone would leave servers and files behind.
/// </summary>
public static class ExitWatchdog
{
    /// <summary>Runs the shell command <paramref name="script"/> once this process has exited.</summary>
    public static void WhenProcessEnds(string script)
    {
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {script}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the exit watchdog (setsid sh).");
        process.StandardInput.Close();
    }

    /// <summary>Single-quotes <paramref name="value"/> for sh.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
