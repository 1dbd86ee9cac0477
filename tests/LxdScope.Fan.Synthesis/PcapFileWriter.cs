using System.Buffers.Binary;

namespace LxdScope.Fan.Synthesis;

/// <summary>Writes a classic pcap file (microsecond timestamps, Ethernet), buffered, with no native dependency.</summary>
public sealed class PcapFileWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _header = new byte[16];

    public PcapFileWriter(string path, int snapLength = 262_144)
    {
        _stream = new BufferedStream(File.Create(path), 1 << 20);
        Span<byte> global = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(global, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(global[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(global[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(global[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(global[20..], 1);
        _stream.Write(global);
    }

    public void Write(ReadOnlySpan<byte> frame, long timestampMicros, int? originalLength = null)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_header, (uint)(timestampMicros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), (uint)(timestampMicros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(12), (uint)(originalLength ?? frame.Length));
        _stream.Write(_header);
        _stream.Write(frame);
    }

    public void Dispose() => _stream.Dispose();
}
