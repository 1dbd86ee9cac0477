using Microsoft.Extensions.Logging;

namespace LxdScope.Agent.Tests.Push;

internal sealed record LogEntry(LogLevel Level, int EventId, string Message);
