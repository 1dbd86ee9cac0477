using LxdScope.Fan.Decoding;
using SharpPcap;
using SharpPcap.LibPcap;

namespace LxdScope.Fan.Capture;

/// <summary>Reads pcap and pcapng files through libpcap (SharpPcap), handing each frame over as a span.</summary>
public static class FanCaptureFile
{
    /// <summary>Calls <paramref name="handler"/> for every frame; returns the number read.</summary>
    /// <exception cref="FanCaptureException">The file is missing, not a capture, or ends inside a record.</exception>
    public static long ForEach(string path, FrameHandler handler)
    {
        if (!File.Exists(path))
        {
            throw new FanCaptureException($"{path}: no such file", FanCaptureProblem.Missing);
        }

        using var device = new CaptureFileReaderDevice(path);
        try
        {
            device.Open();
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException)
        {
            throw new FanCaptureException(
                e is DllNotFoundException ? $"{path}: libpcap is not installed ({e.Message})" : $"{path}: not a pcap or pcapng capture ({e.Message})",
                FanCaptureProblem.NotACapture);
        }

        var linkType = (LinkType)(int)device.LinkType;
        long count = 0;
        while (true)
        {
            var status = device.GetNextPacket(out var capture);
            if (status == GetPacketStatus.PacketRead)
            {
                var time = capture.Header.Timeval;
                handler(linkType, capture.Data, ((long)time.Seconds * 1_000_000) + (long)time.MicroSeconds);
                count++;
                continue;
            }

            if (status == GetPacketStatus.NoRemainingPackets)
            {
                return count;
            }

            throw new FanCaptureException($"{path}: capture file is damaged after {count} packets ({device.LastError})", FanCaptureProblem.Truncated, count);
        }
    }
}
