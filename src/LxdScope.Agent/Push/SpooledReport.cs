namespace LxdScope.Agent.Push;

/// <summary>One report waiting in the spool: its sequence number and its gzip'd JSON, read back from disk.</summary>
internal sealed class SpooledReport
{
    internal SpooledReport(long sequence, byte[] content)
    {
        Sequence = sequence;
        Content = content;
    }

    public long Sequence { get; }

    /// <summary>The request body, exactly as appended.</summary>
    public ReadOnlyMemory<byte> Content { get; }
}
