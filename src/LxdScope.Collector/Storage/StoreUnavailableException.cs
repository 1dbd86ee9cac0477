namespace LxdScope.Collector.Storage;

/// <summary>The store cannot take writes; ingest answers 503 and nothing is acknowledged.</summary>
internal sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreUnavailableException()
    {
    }

    /// <summary>The exception for a driver error, or null when <paramref name="reason"/> is (the error is a bug and stays as it is).</summary>
    /// <param name="reason">The operator-facing reason, null when the error is not about availability.</param>
    /// <param name="detail">The driver's own words, e.g. "SQLite: disk I/O error".</param>
    internal static StoreUnavailableException? When(string? reason, string action, string target, string detail, Exception error) =>
        reason is null ? null : new StoreUnavailableException($"Cannot {action} {target}: {reason} ({detail}).", error);
}
