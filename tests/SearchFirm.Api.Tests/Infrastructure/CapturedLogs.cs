using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SearchFirm.Api.Tests.Infrastructure;

/// <summary>
/// Every log entry the host writes, at every level, as the text a log sink could ship: the message,
/// each structured value (a template need not print them all), scopes and exceptions.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> entries = new();

    public IReadOnlyCollection<string> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner.entries.Enqueue($"{category} scope: {state} {Values(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {Values(state)} {exception}");

        private static string Values<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(" ", values.Select(v => $"{v.Key}={v.Value}")) : "";
    }
}
