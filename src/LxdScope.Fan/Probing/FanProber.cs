using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Mapping;

namespace LxdScope.Fan.Probing;

/// <summary>
/// Active probes across the fan: ICMP echoes from this host to another member's fan bridge address
/// (240.X.Y.1), small ones for reachability and, optionally, DF-set ones at the fan MTU, which a
/// path-MTU black hole swallows while the small ones pass.
/// </summary>
public static class FanProber
{
    /// <summary>IPv4 (20) + ICMP (8) headers around the echo payload.</summary>
    public const int IcmpOverhead = 28;

    /// <summary>ping's default payload.</summary>
    public const int DefaultPayload = 56;

    /// <summary>How long an echo is waited for: past it, the echo counts as lost.</summary>
    public static readonly TimeSpan EchoTimeout = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// One peer's fan bridge probed as the fan doctor and the agent both do: small echoes, then,
    /// when <paramref name="mtuProbe"/>, DF-set echoes filling the fan MTU; one second's timeout,
    /// 200 ms apart.
    /// </summary>
    public static async Task<FanBridgeProbe> ProbeBridgeAsync(FanMap map, Ipv4Address peer, int count, bool mtuProbe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(map);
        var bridge = map.BridgeAddress(peer);
        var small = await ProbeAsync(bridge, count, DefaultPayload, false, EchoTimeout, Spacing, ct);
        var mtu = mtuProbe ? await ProbeAsync(bridge, count, map.FanMtu - IcmpOverhead, true, EchoTimeout, Spacing, ct) : null;
        return new FanBridgeProbe(small, mtu);
    }

    public static async Task<FanProbeResult> ProbeAsync(
        Ipv4Address target, int count, int payloadBytes, bool dontFragment, TimeSpan timeout, TimeSpan spacing, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var address = new IPAddress([(byte)(target.Value >> 24), (byte)(target.Value >> 16), (byte)(target.Value >> 8), (byte)target.Value]);
        var buffer = new byte[payloadBytes];
        var rtts = new List<double>();
        string? error = null;
        var sent = 0;
        using var ping = new Ping();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                await Task.Delay(spacing, ct);
            }

            sent++;
            var clock = Stopwatch.StartNew();
            try
            {
                var reply = await ping.SendPingAsync(address, timeout, buffer, new PingOptions(64, dontFragment), ct);
                if (reply.Status == IPStatus.Success)
                {
                    rtts.Add(clock.Elapsed.TotalSeconds);
                }
                else
                {
                    error = reply.Status.ToString();
                }
            }
            catch (PingException e)
            {
                error = e.InnerException?.Message ?? e.Message;
            }
        }

        return new FanProbeResult(
            target,
            payloadBytes,
            dontFragment,
            sent,
            rtts.Count,
            rtts.Count > 0 ? rtts.Min() : null,
            rtts.Count > 0 ? rtts.Average() : null,
            rtts.Count > 0 ? rtts.Max() : null,
            rtts.Count == count ? null : error);
    }
}
