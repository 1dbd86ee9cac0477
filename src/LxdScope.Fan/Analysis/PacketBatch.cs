using LxdScope.Fan.Decoding;

namespace LxdScope.Fan.Analysis;

/// <summary>Decoded packets handed from the reading thread to the threads that use them, reused once every user is done.</summary>
internal sealed class PacketBatch
{
    public const int Capacity = 1024;

    public FanPacket[] Packets { get; } = new FanPacket[Capacity];

    public int Count { get; set; }

    /// <summary>How many consumers still have to finish with it before it can be refilled.</summary>
    public int Users;
}
