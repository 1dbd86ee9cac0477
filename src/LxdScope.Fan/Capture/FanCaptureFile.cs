using System.Runtime.InteropServices;
using LxdScope.Fan.Decoding;
using SharpPcap;
using SharpPcap.LibPcap;

namespace LxdScope.Fan.Capture;

/// <summary>Reads pcap and pcapng files through libpcap (SharpPcap), handing each frame over as a span.</summary>
internal static class FanCaptureFile
{
    // pcap_next_ex's results (pcap_next_ex(3PCAP)).
    private const int PacketRead = 1;
    private const int NoMorePackets = -2;

    // struct pcap_pkthdr on LP64 Linux: struct timeval ts (two longs), bpf_u_int32 caplen, bpf_u_int32 len.
    private const int MicrosecondsOffset = 8;
    private const int CapturedLengthOffset = 16;

    /// <summary>Calls <paramref name="handler"/> for every frame; returns the number read.</summary>
    /// <exception cref="FanCaptureException">The file is missing, not a capture, or ends inside a record.</exception>
    public static long ForEach(string path, FrameHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!File.Exists(path))
        {
            throw new FanCaptureException($"{path}: no such file", FanCaptureProblem.Missing);
        }

        using var device = new CaptureFileReaderDevice(path);
        try
        {
            // Microsecond timestamps, which is what the header's tv_usec then holds.
            device.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Microsecond });
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException)
        {
            throw new FanCaptureException(
                e is DllNotFoundException ? $"{path}: libpcap is not installed ({e.Message})" : $"{path}: not a pcap or pcapng capture ({e.Message})",
                FanCaptureProblem.NotACapture);
        }

        var linkType = (LinkType)(int)device.LinkType;
        long count = 0;
        IntPtr header = 0, data = 0;
        while (true)
        {
            // libpcap's own header and buffer, read in place: SharpPcap's GetNextPacket allocates a header
            // object and converts the time through decimal for every packet, a fifth of an analysis.
            var status = device.GetNextPacketPointers(ref header, ref data);
            if (status == PacketRead)
            {
                var captured = Marshal.ReadInt32(header, CapturedLengthOffset);
                var micros = (Marshal.ReadInt64(header) * 1_000_000) + Marshal.ReadInt64(header, MicrosecondsOffset);
                handler(linkType, Frame(data, captured), micros);
                count++;
                continue;
            }

            if (status == NoMorePackets)
            {
                return count;
            }

            throw new FanCaptureException($"{path}: capture file is damaged after {count} packets ({device.LastError})", FanCaptureProblem.Truncated, count);
        }
    }

    private static unsafe ReadOnlySpan<byte> Frame(IntPtr data, int length) => new((void*)data, length);
}
