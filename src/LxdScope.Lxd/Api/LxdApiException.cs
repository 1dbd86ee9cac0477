namespace LxdScope.Lxd.Api;

/// <summary>LXD answered with an error, answered nonsense, or did not answer in time.</summary>
public sealed class LxdApiException : Exception
{
    public LxdApiException(string message)
        : base(message)
    {
    }

    public LxdApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LxdApiException()
    {
    }

    /// <summary>True when LXD was not there to ask (no socket, connection refused), as opposed to answering badly.</summary>
    public bool Unreachable { get; init; }

    public bool TimedOut { get; init; }
}
