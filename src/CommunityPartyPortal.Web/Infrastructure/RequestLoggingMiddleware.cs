using System.Diagnostics;

namespace CommunityPartyPortal.Web.Infrastructure;

/// <summary>One log line per request: method, path, status, elapsed time and user.</summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var level = context.Response.StatusCode >= 500 ? LogLevel.Error : LogLevel.Information;
            logger.Log(level, "HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms ({User})",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, elapsed,
                context.User.Identity?.Name ?? "-");
        }
    }
}
