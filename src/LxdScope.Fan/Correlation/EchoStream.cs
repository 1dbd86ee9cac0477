namespace LxdScope.Fan.Correlation;

/// <summary>The latest request of one echo stream, to spot the sequence numbers that never reached the capture.</summary>
internal struct EchoStream
{
    public ushort LastSequence;
    public long LastMicros;
}
