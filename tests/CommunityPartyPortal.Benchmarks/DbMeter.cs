using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunityPartyPortal.Benchmarks;

/// <summary>
/// Adds up the time the portal's EF Core commands take, from EF's diagnostic events (in process, no
/// change to the portal): executing each command (<c>CommandExecuted</c>) plus reading its rows until
/// the data reader is closed (<c>DataReaderDisposing</c>). Lets a report say how much of a request is
/// spent in the database. Can also keep the SQL text of the commands (with parameter values) for
/// diagnosis.
/// </summary>
internal sealed class DbMeter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string Executed = RelationalEventId.CommandExecuted.Name!;
    private static readonly string ReaderClosing = RelationalEventId.DataReaderDisposing.Name!;

    private readonly IDisposable allListeners;
    private readonly List<IDisposable> subscriptions = [];
    private readonly ConcurrentQueue<string> captured = new();
    private long ticks;
    private long commands;
    private int capture;

    public DbMeter() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Total time and number of commands since the last <see cref="Reset"/>.</summary>
    public (TimeSpan Time, long Commands) Read() => (TimeSpan.FromTicks(Interlocked.Read(ref ticks)), Interlocked.Read(ref commands));

    public void Reset()
    {
        Interlocked.Exchange(ref ticks, 0);
        Interlocked.Exchange(ref commands, 0);
    }

    /// <summary>Keeps the text of the next <paramref name="count"/> commands (see <see cref="TakeCaptured"/>).</summary>
    public void Capture(int count)
    {
        captured.Clear();
        Volatile.Write(ref capture, count);
    }

    public IReadOnlyList<string> TakeCaptured()
    {
        Volatile.Write(ref capture, 0);
        var list = new List<string>();
        while (captured.TryDequeue(out var sql)) list.Add(sql);
        return list;
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (subscriptions)
        {
            subscriptions.Add(listener.Subscribe(this, name => name == Executed || name == ReaderClosing));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                Interlocked.Add(ref ticks, executed.Duration.Ticks);
                Interlocked.Increment(ref commands);
                if (Volatile.Read(ref capture) > 0 && Interlocked.Decrement(ref capture) >= 0)
                {
                    var parameters = string.Join(", ", executed.Command.Parameters.Cast<System.Data.Common.DbParameter>()
                        .Select(p => $"{p.ParameterName}={p.Value}"));
                    captured.Enqueue($"-- {executed.Duration.TotalMilliseconds:0.00} ms to execute; {parameters}\n{executed.Command.CommandText}");
                }
                break;
            case DataReaderDisposingEventData reading:
                Interlocked.Add(ref ticks, reading.Duration.Ticks);
                break;
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions)
        {
            foreach (var s in subscriptions) s.Dispose();
            subscriptions.Clear();
        }
    }
}
