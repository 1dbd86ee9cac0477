using LxdScope.Fan.Decoding;
using SharpPcap;
using SharpPcap.LibPcap;

namespace LxdScope.Fan.Capture;

/// <summary>
/// Live capture of the fan's VXLAN traffic on an underlay interface through libpcap, with a BPF
/// filter for the VXLAN ports so the kernel hands over nothing else. Frames go to the handler on
/// libpcap's capture thread; optionally every frame is also written to a pcap file.
/// </summary>
internal sealed class FanLiveCapture : IDisposable
{
    private readonly LibPcapLiveDevice _device;
    private readonly CaptureFileWriterDevice? _writer;
    private readonly FrameHandler _handler;
    private readonly LinkType _linkType;
    private bool _started;

    private FanLiveCapture(LibPcapLiveDevice device, CaptureFileWriterDevice? writer, FrameHandler handler)
    {
        _device = device;
        _writer = writer;
        _handler = handler;
        _linkType = (LinkType)(int)device.LinkType;
        _device.OnPacketArrival += OnPacketArrival;
    }

    /// <summary>The BPF filter for the fan's VXLAN ports.</summary>
    public static string Filter(ushort port, ushort alternatePort) =>
        alternatePort == 0 || alternatePort == port ? $"udp port {port}" : $"udp port {port} or udp port {alternatePort}";

    /// <summary>Opens <paramref name="interfaceName"/> (in this process's network namespace) and starts capturing.</summary>
    /// <exception cref="FanCaptureException">No such interface, no permission, or libpcap missing.</exception>
    public static FanLiveCapture Start(string interfaceName, string filter, FrameHandler handler, string? writePath = null)
    {
        LibPcapLiveDevice? device;
        try
        {
            device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == interfaceName);
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException)
        {
            throw new FanCaptureException($"cannot list capture interfaces: {e.Message}", FanCaptureProblem.Device);
        }

        if (device is null)
        {
            throw new FanCaptureException($"{interfaceName}: no such capture interface", FanCaptureProblem.Device);
        }

        CaptureFileWriterDevice? writer = null;
        try
        {
            // A large kernel buffer so bursts are not dropped while the handler runs.
            device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous, ReadTimeout = 100, BufferSize = 16 << 20, Snaplen = 65535 });
            device.Filter = filter;
            if (writePath is not null)
            {
                writer = new CaptureFileWriterDevice(writePath);
                writer.Open(new DeviceConfiguration { LinkLayerType = device.LinkType, Snaplen = 65535 });
            }

            var capture = new FanLiveCapture(device, writer, handler);
            device.StartCapture();
            capture._started = true;
            return capture;
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException)
        {
            writer?.Dispose();
            device.Close();
            throw new FanCaptureException($"{interfaceName}: cannot capture: {e.Message}", FanCaptureProblem.Device);
        }
    }

    /// <summary>Stops capturing and returns libpcap's counters (kernel drops included).</summary>
    public CaptureStatistics Stop()
    {
        if (_started)
        {
            _device.StopCapture();
            _started = false;
        }

        return Statistics();
    }

    /// <summary>libpcap's counters so far (received, dropped by the kernel, dropped by the interface).</summary>
    public CaptureStatistics Statistics()
    {
        var stats = _device.Statistics;
        return new CaptureStatistics(_device.Name, stats.ReceivedPackets, stats.DroppedPackets, stats.InterfaceDroppedPackets);
    }

    private void OnPacketArrival(object sender, PacketCapture e)
    {
        var time = e.Header.Timeval;
        _handler(_linkType, e.Data, ((long)time.Seconds * 1_000_000) + (long)time.MicroSeconds);
        _writer?.Write(e.GetPacket());
    }

    public void Dispose()
    {
        if (_started)
        {
            Stop();
        }

        _device.OnPacketArrival -= OnPacketArrival;
        _device.Close();
        _writer?.Dispose();
    }
}
