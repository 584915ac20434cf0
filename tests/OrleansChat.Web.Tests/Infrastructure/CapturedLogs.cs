using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// Every log entry a web node writes, kept as text: the formatted message, each structured property (exporters such
/// as OpenTelemetry send those apart from the message), the scopes around it and the exception.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string?> { $"{logLevel} {category}[{eventId}]: {formatter(state, exception)}" };
            AddProperties(parts, state);
            logs._scopes.ForEachScope((scope, entry) =>
            {
                entry.Add($"scope: {scope}");
                AddProperties(entry, scope);
            }, parts);
            parts.Add(exception?.ToString());
            logs._entries.Enqueue(string.Join(" | ", parts.OfType<string>()));
        }

        private static void AddProperties(List<string?> parts, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> properties) parts.AddRange(properties.Select(p => $"{p.Key}={p.Value}"));
        }
    }
}
