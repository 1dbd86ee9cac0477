using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LxdScope.Agent.Tests.Push;

/// <summary>Keeps every message, to assert what operators get to read.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IReadOnlyList<LogEntry> WithEvent(int eventId) => Entries.Where(e => e.EventId == eventId).ToList();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception)));
}
