using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Flows;
using LxdScope.Fan.Mapping;

namespace LxdScope.Fan.Correlation;

/// <summary>
/// Matches ARP requests to replies per (VNI, target, asker) and echo requests to replies per (src, dst, id, seq),
/// and counts per underlay pair (VTEP → VTEP) and per overlay pair what arrived, what was answered,
/// what timed out, and what the fan map says should not happen (wrong VTEP, VNI, oversize frames).
/// Time is the capture's: requests expire against packet timestamps, so offline files and live capture
/// behave alike. Every table is bounded; what a full table could not keep is counted in <see cref="Evicted"/>.
/// </summary>
public sealed class FanCorrelator
{
    private static readonly long SweepIntervalMicros = 100_000;
    private static readonly long StreamSweepIntervalMicros = 10_000_000;

    private readonly FanMap _map;
    private readonly CorrelatorLimits _limits;
    private readonly long _arpTimeout;
    private readonly long _echoTimeout;
    private readonly long _floodWindow;
    private readonly long _streamIdle;
    private readonly Dictionary<ArpKey, PendingArp> _arp = [];
    private readonly Dictionary<EchoKey, PendingEcho> _echo = [];
    private readonly Dictionary<EchoStreamKey, EchoStream> _streams = [];

    // Requests in the order they were first seen, which is the order they expire in (capture time never
    // runs backwards here), so a sweep touches only what expires instead of every pending request.
    // ARP entries leave early when answered: their queue items are skipped then, and compacted away.
    private readonly Queue<(ArpKey Key, long FirstMicros)> _arpExpiry = new();
    private readonly Queue<(EchoKey Key, long SentMicros)> _echoExpiry = new();
    private Dictionary<Ipv4Flow, PairStats> _underlay = [];
    private Dictionary<Ipv4Flow, PairStats> _overlay = [];

    // Stands in for a pair a full table refused, so the hot path has no null checks.
    private readonly PairStats _discard = new(default);
    private long _nextSweep;
    private long _nextStreamSweep;

    public FanCorrelator(FanMap map, CorrelatorLimits? limits = null)
    {
        _map = map;
        _limits = limits ?? new CorrelatorLimits();
        _arpTimeout = Micros(_limits.ArpTimeout);
        _echoTimeout = Micros(_limits.EchoTimeout);
        _floodWindow = Micros(_limits.FloodWindow);
        _streamIdle = Micros(_limits.EchoStreamIdle);
    }

    public FanMap Map => _map;

    public EvictionCounters Evicted { get; } = new();

    /// <summary>Capture time of the latest packet (never moves backwards).</summary>
    public long NowMicros { get; private set; }

    public long FirstMicros { get; private set; }

    public long VxlanPackets { get; private set; }

    /// <summary>ARP replies with no request in the table: asked before the capture began, or evicted.</summary>
    public long UnmatchedArpReplies { get; private set; }

    public long UnmatchedEchoReplies { get; private set; }

    /// <summary>Requests still within their timeout when <see cref="Finish"/> ran: neither answered nor lost.</summary>
    public long InFlightAtEnd { get; private set; }

    public int PendingArpCount => _arp.Count;

    public int PendingEchoCount => _echo.Count;

    public IReadOnlyCollection<PairStats> UnderlayPairs => _underlay.Values;

    public IReadOnlyCollection<PairStats> OverlayPairs => _overlay.Values;

    public void Observe(in FanPacket p)
    {
        if (!p.IsVxlan)
        {
            return;
        }

        if (VxlanPackets++ == 0)
        {
            FirstMicros = p.TimestampMicros;
            NowMicros = p.TimestampMicros;
            _nextSweep = p.TimestampMicros + SweepIntervalMicros;
        }

        // Capture files can hold out-of-order timestamps; time never runs backwards here.
        var now = Math.Max(NowMicros, p.TimestampMicros);
        NowMicros = now;
        if (now >= _nextSweep)
        {
            Sweep(now);
        }

        var outer = new Ipv4Flow(p.Outer.Source, p.Outer.Destination);
        var outerStats = Underlay(outer);
        var direction = outerStats.Direction(outer);
        direction.Packets++;
        direction.Bytes += p.WireLength;

        if (p.Vxlan.Vni != _map.ExpectedVni)
        {
            direction.VniMismatch++;
            direction.LastUnexpectedVni = p.Vxlan.Vni;
        }

        if (p.Kind == InnerKind.None)
        {
            return;
        }

        var innerSize = p.Kind >= InnerKind.EchoRequest && p.Kind <= InnerKind.OtherIpv4
            ? p.InnerIp.TotalLength
            : p.InnerFrameLength - p.InnerEthernet.HeaderLength;
        if (innerSize > _map.FanMtu)
        {
            direction.Oversize++;
            direction.LargestOversize = Math.Max(direction.LargestOversize, innerSize);
        }

        CheckVtep(p, outer);
        switch (p.Kind)
        {
            case InnerKind.ArpRequest:
                OnArpRequest(p, outer, outerStats, now);
                break;
            case InnerKind.ArpReply:
                OnArpReply(p, outer, outerStats, now);
                break;
            case InnerKind.EchoRequest:
                OnEchoRequest(p, outer, outerStats, now);
                break;
            case InnerKind.EchoReply:
                OnEchoReply(p, outer, outerStats, now);
                break;
            case InnerKind.DestinationUnreachable when p.Icmp.IsFragmentationNeeded:
                OnFragmentationNeeded(p, outer);
                break;
        }
    }

    /// <summary>Expires what has timed out by the last packet's time; what is still younger is counted as in flight.</summary>
    public void Finish() => Finish(NowMicros);

    /// <summary>Expires what has timed out by <paramref name="nowMicros"/> (live capture: the wall clock).</summary>
    public void Finish(long nowMicros)
    {
        NowMicros = Math.Max(NowMicros, nowMicros);
        Sweep(NowMicros);
        InFlightAtEnd = _arp.Count + _echo.Values.Count(e => !e.Answered);
    }

    /// <summary>
    /// Starts counting afresh: the pairs seen so far stay as they are (a report taken before holds them)
    /// and new traffic goes to new pairs. Pending requests and echo streams are kept, so a reply arriving
    /// after the switch is matched to its request and counted in the new window, never lost at the seam.
    /// </summary>
    public void StartWindow()
    {
        _underlay = [];
        _overlay = [];
    }

    /// <summary>The VTEP owning an overlay address, or <paramref name="fallback"/> outside the overlay.</summary>
    private Ipv4Address OwnerOr(Ipv4Address overlayAddress, Ipv4Address fallback) =>
        _map.TryGetOwner(overlayAddress, out var owner) ? owner : fallback;

    /// <summary>A unicast frame must go to the VTEP that owns its destination; broadcasts are flooded to every VTEP by design.</summary>
    private void CheckVtep(in FanPacket p, Ipv4Flow outer)
    {
        if (p.InnerEthernet.Destination.IsGroup)
        {
            return;
        }

        Ipv4Address innerDestination;
        if (p.Kind is InnerKind.ArpRequest or InnerKind.ArpReply)
        {
            innerDestination = p.Arp.TargetIp;
        }
        else if (p.Kind >= InnerKind.EchoRequest && p.Kind <= InnerKind.OtherIpv4)
        {
            innerDestination = p.InnerIp.Destination;
        }
        else
        {
            return;
        }

        if (_map.TryGetOwner(innerDestination, out var owner) && owner != outer.Destination && owner != outer.Source)
        {
            var intended = new Ipv4Flow(outer.Source, owner);
            var direction = Underlay(intended).Direction(intended);
            direction.WrongVtep++;
            direction.LastWrongVtepUsed = outer.Destination;
            direction.LastWrongVtepInner = innerDestination;
        }
    }

    private void OnArpRequest(in FanPacket p, Ipv4Flow outer, PairStats outerStats, long now)
    {
        var key = new ArpKey(p.Vxlan.Vni, p.Arp.TargetIp, p.Arp.SenderIp);
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_arp, key);
        if (!Unsafe.IsNullRef(ref entry))
        {
            if (now - entry.LastMicros > _floodWindow)
            {
                var retried = Underlay(entry.Pair).Direction(entry.Pair);
                retried.ArpRequests++;
                retried.ArpRetries++;
            }

            entry.LastMicros = now;
            return;
        }

        var pair = new Ipv4Flow(outer.Source, OwnerOr(p.Arp.TargetIp, outer.Destination));
        SameUnderlay(pair, outer, outerStats).Direction(pair).ArpRequests++;
        if (!MakeRoom(_arp, _limits.MaxPendingArp))
        {
            Evicted.PendingArp++;
            return;
        }

        _arp[key] = new PendingArp { FirstMicros = now, LastMicros = now, Pair = pair, Sender = p.Arp.SenderIp };
        if (_arpExpiry.Count >= 2 * _limits.MaxPendingArp)
        {
            CompactArpExpiry();
        }

        _arpExpiry.Enqueue((key, now));
    }

    private void OnArpReply(in FanPacket p, Ipv4Flow outer, PairStats outerStats, long now)
    {
        var key = new ArpKey(p.Vxlan.Vni, p.Arp.SenderIp, p.Arp.TargetIp);
        if (!_arp.Remove(key, out var entry))
        {
            UnmatchedArpReplies++;
            return;
        }

        var direction = SameUnderlay(entry.Pair, outer, outerStats).Direction(entry.Pair);
        direction.ArpAnswered++;
        direction.ArpReplyTime.Observe((now - entry.FirstMicros) / 1e6);
    }

    private void OnEchoRequest(in FanPacket p, Ipv4Flow outer, PairStats outerStats, long now)
    {
        var key = new EchoKey(p.InnerIp.Source, p.InnerIp.Destination, p.Icmp.Identifier, p.Icmp.Sequence);

        // With room in the table, one hash finds the request or makes its place; when full, a sweep may
        // have to make room first, so it is looked up now and added after.
        var hasRoom = _echo.Count < _limits.MaxPendingEcho;
        var exists = false;
        ref var entry = ref hasRoom
            ? ref CollectionsMarshal.GetValueRefOrAddDefault(_echo, key, out exists)
            : ref CollectionsMarshal.GetValueRefOrNullRef(_echo, key);
        if (hasRoom ? exists : !Unsafe.IsNullRef(ref entry))
        {
            if (entry.Answered || now - entry.SentMicros > _floodWindow)
            {
                SameUnderlay(entry.Pair, outer, outerStats).Direction(entry.Pair).EchoDuplicateRequests++;
            }

            return;
        }

        var pair = new Ipv4Flow(outer.Source, OwnerOr(p.InnerIp.Destination, outer.Destination));
        var overlayFlow = new Ipv4Flow(p.InnerIp.Source, p.InnerIp.Destination);
        var underlayDirection = SameUnderlay(pair, outer, outerStats).Direction(pair);
        var overlayDirection = Overlay(overlayFlow, pair).Direction(overlayFlow);
        underlayDirection.EchoRequests++;
        overlayDirection.EchoRequests++;
        var missing = FollowStream(new EchoStreamKey(p.InnerIp.Source, p.InnerIp.Destination, p.Icmp.Identifier), p.Icmp.Sequence, now);
        if (missing != 0)
        {
            // A late request fills a gap counted earlier; never below zero.
            underlayDirection.EchoMissing = Math.Max(0, underlayDirection.EchoMissing + missing);
            overlayDirection.EchoMissing = Math.Max(0, overlayDirection.EchoMissing + missing);
        }

        var pending = new PendingEcho { SentMicros = now, Pair = pair, OverlayPair = overlayFlow, Size = p.InnerIp.TotalLength };
        if (hasRoom)
        {
            // Nothing above touches the echo table, so the place made for it is still this one.
            entry = pending;
        }
        else if (MakeRoom(_echo, _limits.MaxPendingEcho))
        {
            _echo[key] = pending;
        }
        else
        {
            Evicted.PendingEcho++;
            return;
        }

        _echoExpiry.Enqueue((key, now));
    }

    /// <summary>
    /// Requests skipped between this one and the stream's previous one (positive), or −1 for a request
    /// arriving after a later one (it fills a gap counted before). Sequence numbers wrap at 65,536.
    /// </summary>
    private int FollowStream(EchoStreamKey key, ushort sequence, long now)
    {
        ref var stream = ref CollectionsMarshal.GetValueRefOrNullRef(_streams, key);
        if (Unsafe.IsNullRef(ref stream))
        {
            if (_streams.Count >= _limits.MaxEchoStreams)
            {
                SweepStreams(now);
                if (_streams.Count >= _limits.MaxEchoStreams)
                {
                    Evicted.EchoStreams++;
                    return 0;
                }
            }

            _streams[key] = new EchoStream { LastSequence = sequence, LastMicros = now };
            return 0;
        }

        var ahead = (ushort)(sequence - stream.LastSequence);
        stream.LastMicros = now;
        if (ahead is > 0 and < 0x8000)
        {
            stream.LastSequence = sequence;
            return ahead <= _limits.MaxSequenceGap ? ahead - 1 : 0;
        }

        var behind = (ushort)(stream.LastSequence - sequence);
        if (behind is > 0 and <= 64)
        {
            return -1;
        }

        // Far behind: a new pinger with the same identifier, starting over.
        stream.LastSequence = sequence;
        return 0;
    }

    private void OnEchoReply(in FanPacket p, Ipv4Flow outer, PairStats outerStats, long now)
    {
        var key = new EchoKey(p.InnerIp.Destination, p.InnerIp.Source, p.Icmp.Identifier, p.Icmp.Sequence);
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_echo, key);
        if (Unsafe.IsNullRef(ref entry))
        {
            UnmatchedEchoReplies++;
            return;
        }

        var direction = SameUnderlay(entry.Pair, outer, outerStats).Direction(entry.Pair);
        if (entry.Answered)
        {
            direction.EchoDuplicateReplies++;
            return;
        }

        entry.Answered = true;
        var rtt = (now - entry.SentMicros) / 1e6;
        direction.EchoAnswered(entry.Size, rtt);
        Overlay(entry.OverlayPair, entry.Pair).Direction(entry.OverlayPair).EchoAnswered(entry.Size, rtt);
    }

    private void OnFragmentationNeeded(in FanPacket p, Ipv4Flow outer)
    {
        // The error travels back to the original sender; charge it to the original direction.
        var pair = new Ipv4Flow(OwnerOr(p.Icmp.OriginalSource, outer.Destination), OwnerOr(p.Icmp.OriginalDestination, outer.Source));
        var direction = Underlay(pair).Direction(pair);
        direction.FragmentationNeeded++;
        direction.LastNextHopMtu = p.Icmp.NextHopMtu;
    }

    private void SweepStreams(long now)
    {
        _nextStreamSweep = now + StreamSweepIntervalMicros;
        foreach (var (key, stream) in _streams)
        {
            if (now - stream.LastMicros > _streamIdle)
            {
                _streams.Remove(key);
            }
        }
    }

    private void Sweep(long now)
    {
        _nextSweep = now + SweepIntervalMicros;
        if (now >= _nextStreamSweep)
        {
            SweepStreams(now);
        }

        while (_arpExpiry.TryPeek(out var next) && now - next.FirstMicros > _arpTimeout)
        {
            _arpExpiry.Dequeue();
            if (!_arp.TryGetValue(next.Key, out var entry) || entry.FirstMicros != next.FirstMicros)
            {
                // Answered (and perhaps asked again since): not this request any more.
                continue;
            }

            var direction = Underlay(entry.Pair).Direction(entry.Pair);
            direction.ArpUnanswered++;
            direction.LastUnansweredArpTarget = next.Key.Target;
            direction.LastUnansweredArpSender = entry.Sender;
            _arp.Remove(next.Key);
        }

        // Echo requests leave the table only here, so the queue holds exactly the table's keys.
        while (_echoExpiry.TryPeek(out var next) && now - next.SentMicros > _echoTimeout)
        {
            _echoExpiry.Dequeue();
            _echo.Remove(next.Key, out var entry);
            if (!entry.Answered)
            {
                Underlay(entry.Pair).Direction(entry.Pair).EchoTimedOut(entry.Size);
                Overlay(entry.OverlayPair, entry.Pair).Direction(entry.OverlayPair).EchoTimedOut(entry.Size);
            }
        }
    }

    /// <summary>Drops the queue items of requests answered since, keeping the order of the rest.</summary>
    private void CompactArpExpiry()
    {
        var count = _arpExpiry.Count;
        for (var i = 0; i < count; i++)
        {
            var item = _arpExpiry.Dequeue();
            if (_arp.TryGetValue(item.Key, out var entry) && entry.FirstMicros == item.FirstMicros)
            {
                _arpExpiry.Enqueue(item);
            }
        }
    }

    /// <summary>True if the table has room for one more entry, sweeping expired entries first when it is full.</summary>
    private bool MakeRoom<TKey, TValue>(Dictionary<TKey, TValue> table, int limit)
        where TKey : notnull
    {
        if (table.Count < limit)
        {
            return true;
        }

        Sweep(NowMicros);
        return table.Count < limit;
    }

    /// <summary>
    /// The stats of <paramref name="pair"/>, taken from the packet's own underlay pair when it is the same
    /// (the usual case) to save a lookup; a pair the table refused is asked again, so it is counted as before.
    /// </summary>
    private PairStats SameUnderlay(Ipv4Flow pair, Ipv4Flow outer, PairStats outerStats) =>
        !ReferenceEquals(outerStats, _discard) && pair.Canonical == outer.Canonical ? outerStats : Underlay(pair);

    private PairStats Underlay(Ipv4Flow flow)
    {
        var canonical = flow.Canonical;
        if (_underlay.TryGetValue(canonical, out var stats))
        {
            return stats;
        }

        if (_underlay.Count >= _limits.MaxUnderlayPairs)
        {
            Evicted.UnderlayPairs++;
            return _discard;
        }

        stats = new PairStats(canonical);
        _underlay.Add(canonical, stats);
        return stats;
    }

    private PairStats Overlay(Ipv4Flow flow, Ipv4Flow underlay)
    {
        var canonical = flow.Canonical;
        if (_overlay.TryGetValue(canonical, out var stats))
        {
            return stats;
        }

        if (_overlay.Count >= _limits.MaxOverlayPairs)
        {
            Evicted.OverlayPairs++;
            return _discard;
        }

        stats = new PairStats(canonical) { Underlay = underlay.Canonical };
        _overlay.Add(canonical, stats);
        return stats;
    }

    private static long Micros(TimeSpan span) => span.Ticks / 10;
}
