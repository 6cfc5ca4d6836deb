using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>One signed-in browser session over real HTTP: cookies kept, redirects not followed.</summary>
internal sealed partial class PortalSession : IDisposable
{
    private PortalSession(HttpClient http, string userName)
    {
        Http = http;
        UserName = userName;
    }

    public HttpClient Http { get; }
    public string UserName { get; }

    /// <summary>GET /account/login, read the antiforgery token, POST the credentials; must redirect away from the login page.</summary>
    public static async Task<PortalSession> SignInAsync(Uri baseAddress, string userName, string password, int connections, CancellationToken ct)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = Math.Max(1, connections),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            using var get = await http.GetAsync("/account/login", ct);
            var page = await get.Content.ReadAsStringAsync(ct);
            if (get.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET /account/login answered {(int)get.StatusCode} → '{get.Headers.Location}'.");
            }
            var token = TokenInput().Match(page) is { Success: true } m
                ? WebUtility.HtmlDecode(m.Groups["value"].Value)
                : throw new InvalidOperationException("No __RequestVerificationToken on /account/login.");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = userName,
                ["Password"] = password,
                ["ReturnUrl"] = "",
                ["__RequestVerificationToken"] = token,
            });
            using var response = await http.PostAsync("/account/login", form, ct);
            var location = response.Headers.Location?.OriginalString ?? "";
            if (response.StatusCode != HttpStatusCode.Redirect || location.Contains("/account/", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Signing in as {userName} answered {(int)response.StatusCode} → '{location}'.");
            }
            return new PortalSession(http, userName);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The antiforgery token of the form on <paramref name="url"/> (GET, must answer 200), for a POST of this session.</summary>
    public async Task<string> FormTokenAsync(string url, CancellationToken ct)
    {
        using var response = await Http.GetAsync(url, ct);
        var page = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} as {UserName} answered {(int)response.StatusCode}.");
        return TokenInput().Match(page) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups["value"].Value)
            : throw new InvalidOperationException($"No __RequestVerificationToken on {url}.");
    }

    [GeneratedRegex("""<input\b(?=[^>]*\bname="__RequestVerificationToken")[^>]*\bvalue="(?<value>[^"]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex TokenInput();

    public void Dispose() => Http.Dispose();
}

/// <summary>What one scenario's run measured.</summary>
internal sealed record RunResult(int Requests, TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyList<string> Failures, TimeSpan DbTime, long DbCommands, long Bytes)
{
    public double KilobytesPerResponse => Requests == 0 ? 0 : Bytes / 1024.0 / Requests;
    public double Throughput => Elapsed.TotalSeconds > 0 ? Requests / Elapsed.TotalSeconds : 0;
    public double Mean => LatenciesMs.Length == 0 ? 0 : LatenciesMs.Average();
    public double Max => LatenciesMs.Length == 0 ? 0 : LatenciesMs[^1];
    public double DbMsPerRequest => Requests == 0 ? 0 : DbTime.TotalMilliseconds / Requests;
    public double DbCommandsPerRequest => Requests == 0 ? 0 : (double)DbCommands / Requests;

    /// <summary>Nearest-rank percentile of the sorted latencies.</summary>
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p / 100 * LatenciesMs.Length);
        return LatenciesMs[Math.Clamp(rank - 1, 0, LatenciesMs.Length - 1)];
    }
}

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers, each sending its next GET as soon as the previous one
/// has been read, until <c>requests</c> have been sent or the time limit has passed. Each request is
/// timed from sending to the last byte of the body; a request that does not answer 200 (or whose page
/// fails <c>check</c>) is a failure.
/// </summary>
internal static class LoadRunner
{
    public static async Task<RunResult> RunAsync(HttpClient http, Func<int, string> url, Func<int, string, string?> check,
        int requests, int concurrency, TimeSpan limit, DbMeter meter, CancellationToken ct)
    {
        var failures = new ConcurrentQueue<string>();
        var latencies = new ConcurrentBag<double[]>();
        var next = -1;
        long bytes = 0;
        meter.Reset();
        var clock = Stopwatch.StartNew();

        async Task Worker()
        {
            var mine = new List<double>(requests / concurrency + 1);
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= requests || clock.Elapsed >= limit) break;
                    var target = url(i);
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.GetAsync(target, HttpCompletionOption.ResponseContentRead, ct);
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        var body = await response.Content.ReadAsStringAsync(ct);
                        Interlocked.Add(ref bytes, response.Content.Headers.ContentLength ?? System.Text.Encoding.UTF8.GetByteCount(body));
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            var where = response.Headers.Location is { } l ? $" → {l}" : "";
                            failures.Enqueue($"GET {target} answered {(int)response.StatusCode}{where}");
                        }
                        else if (check(i, body) is { } problem)
                        {
                            failures.Enqueue($"GET {target}: {problem}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        failures.Enqueue($"GET {target} failed: {e.Message}");
                    }
                }
            }
            finally
            {
                latencies.Add([.. mine]);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, CancellationToken.None)));
        var elapsed = clock.Elapsed;
        ct.ThrowIfCancellationRequested();
        var (dbTime, dbCommands) = meter.Read();
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new RunResult(all.Length, elapsed, all, [.. failures], dbTime, dbCommands, Interlocked.Read(ref bytes));
    }
}
