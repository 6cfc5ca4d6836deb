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
/// Load of <c>concurrency</c> clients until <c>requests</c> have been sent or the time limit has passed.
/// Closed loop (no <c>pace</c>): each client sends its next request as soon as the previous answer has been read, so
/// the machine is saturated and latency ≈ clients ÷ throughput. Paced (<c>pace</c> set): each client sends one request
/// every <c>pace</c> (the clients' schedules spread evenly), as people at their desks do; a request is timed from its
/// scheduled time, not from when it could be sent, so a backlog counts in full (no coordinated omission).
/// Each request is timed to the last byte of the body; <c>judge</c> returns a problem or null.
/// </summary>
internal static class LoadRunner
{
    /// <summary>GETs that must answer 200 and pass <paramref name="check"/> on the body.</summary>
    public static Task<RunResult> RunAsync(HttpClient http, Func<int, string> url, Func<int, string, string?> check,
        int requests, int concurrency, TimeSpan limit, DbMeter meter, CancellationToken ct, TimeSpan? pace = null) =>
        RunAsync(http, i => new HttpRequestMessage(HttpMethod.Get, url(i)), (i, response, body) =>
            response.StatusCode != HttpStatusCode.OK
                ? $"answered {(int)response.StatusCode}{(response.Headers.Location is { } l ? $" → {l}" : "")}"
                : check(i, body),
            requests, concurrency, limit, meter, ct, pace);

    public static async Task<RunResult> RunAsync(HttpClient http, Func<int, HttpRequestMessage> request, Func<int, HttpResponseMessage, string, string?> judge,
        int requests, int concurrency, TimeSpan limit, DbMeter meter, CancellationToken ct, TimeSpan? pace = null)
    {
        var failures = new ConcurrentQueue<string>();
        var latencies = new ConcurrentBag<double[]>();
        var next = -1;
        long bytes = 0;
        meter.Reset();
        var clock = Stopwatch.StartNew();
        var origin = Stopwatch.GetTimestamp();

        async Task Worker(int client)
        {
            var mine = new List<double>(requests / concurrency + 1);
            var sent = 0;
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    long start;
                    if (pace is { } every)
                    {
                        // This client's next slot: spread over the pace by client number.
                        var due = origin + (long)((sent + (double)client / concurrency) * every.TotalSeconds * Stopwatch.Frequency);
                        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                        if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                        start = due;
                    }
                    else
                    {
                        start = Stopwatch.GetTimestamp();
                    }
                    sent++;
                    var i = Interlocked.Increment(ref next);
                    if (i >= requests || clock.Elapsed >= limit) break;
                    using var message = request(i);
                    var what = $"{message.Method} {message.RequestUri}";
                    if (pace is null) start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct);
                        var body = await response.Content.ReadAsStringAsync(ct);
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        Interlocked.Add(ref bytes, response.Content.Headers.ContentLength ?? System.Text.Encoding.UTF8.GetByteCount(body));
                        if (judge(i, response, body) is { } problem) failures.Enqueue($"{what}: {problem}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        failures.Enqueue($"{what} failed: {e.Message}");
                    }
                }
            }
            finally
            {
                latencies.Add([.. mine]);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(c => Task.Run(() => Worker(c), CancellationToken.None)));
        var elapsed = clock.Elapsed;
        ct.ThrowIfCancellationRequested();
        var (dbTime, dbCommands) = meter.Read();
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new RunResult(all.Length, elapsed, all, [.. failures], dbTime, dbCommands, Interlocked.Read(ref bytes));
    }
}
