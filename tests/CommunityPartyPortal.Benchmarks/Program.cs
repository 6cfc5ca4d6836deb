namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// Load benchmarks of the portal, run against a fresh database on 127.0.0.1 and stopping by
/// themselves (bounded in requests and seconds). See <see cref="BenchOptions.Usage"/> and docs/performance.md.
/// Exit code: 0 all requests answered as expected, 1 some failed, 2 bad arguments, 3 setup failed or timed out.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(BenchOptions.Usage);
            return args.Length == 0 ? 2 : 0;
        }
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(options.TimeoutMinutes));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            timeout.Cancel();
        };
        // If cancelling does not bring the run down, end the process anyway (the temp folder's watchdog cleans up).
        using var hardStop = timeout.Token.Register(() => _ = Task.Delay(TimeSpan.FromMinutes(1)).ContinueWith(
            _ => Environment.Exit(3), TaskScheduler.Default));

        try
        {
            return options.Benchmark switch
            {
                "member-list" => await MemberListBenchmark.RunAsync(options, timeout.Token),
                "documents" => await DocumentsBenchmark.RunAsync(options, timeout.Token),
                "service" => await ServiceBenchmark.RunAsync(options, timeout.Token),
                "feedback" => await FeedbackBenchmark.RunAsync(options, timeout.Token),
                "summaries" => await SummariesBenchmark.RunAsync(options, timeout.Token),
                _ => Unknown(options.Benchmark),
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Console.Error.WriteLine($"stopped: the run exceeded --timeout-minutes {options.TimeoutMinutes} or was interrupted.");
            return 3;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"setup failed: {e}");
            return 3;
        }
    }

    private static int Unknown(string name)
    {
        Console.Error.WriteLine($"Unknown benchmark '{name}'.");
        Console.Error.WriteLine(BenchOptions.Usage);
        return 2;
    }
}
