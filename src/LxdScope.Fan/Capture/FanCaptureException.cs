namespace LxdScope.Fan.Capture;

/// <summary>A capture file or device that cannot be read, with a message for the operator.</summary>
public sealed class FanCaptureException : Exception
{
    public FanCaptureException(string message, FanCaptureProblem problem, long packetsRead = 0)
        : base(message)
    {
        Problem = problem;
        PacketsRead = packetsRead;
    }

    public FanCaptureException()
    {
    }

    public FanCaptureException(string message)
        : base(message)
    {
    }

    public FanCaptureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FanCaptureProblem Problem { get; }

    /// <summary>Packets read before a read error.</summary>
    public long PacketsRead { get; }
}
