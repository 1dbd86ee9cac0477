namespace LxdScope.Lxd.Forensics;

/// <summary>Ends a replay from inside the segment reader's callback, with the reason.</summary>
internal sealed class ReplayStopException : Exception
{
    public ReplayStopException(string message)
        : base(message)
    {
    }

    public ReplayStopException()
    {
    }

    public ReplayStopException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
