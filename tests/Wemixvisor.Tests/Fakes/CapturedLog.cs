using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Wemixvisor.Tests.Fakes;

public sealed record LogEntry(LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> Values);

/// <summary>An <see cref="ILogger{T}"/> that keeps every entry with its values, for tests where the log line is the contract.</summary>
public sealed class CapturedLog<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
            : new Dictionary<string, object?>();
        _entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), values));
    }
}
