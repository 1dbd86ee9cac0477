namespace LxdScope.Collector.Storage;

/// <summary>The store cannot take writes; ingest answers 503 and nothing is acknowledged.</summary>
public sealed class StoreUnavailableException : Exception
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
}
