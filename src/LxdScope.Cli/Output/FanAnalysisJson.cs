namespace LxdScope.Cli.Output;

/// <summary>The <c>fan analyze --format json</c> document: the fan, every frame accounted for, a verdict per VTEP pair.</summary>
internal sealed record FanAnalysisJson(
    string File,
    FanMapJson? Fan,
    string? LocalVtep,
    long Frames,
    long VxlanPackets,
    IReadOnlyDictionary<string, long> Decode,
    FanEvictionsJson Evicted,
    long UnmatchedArpReplies,
    long UnmatchedEchoReplies,
    long InFlightAtEnd,
    double DurationSeconds,
    FanCaptureJson? Capture,
    IReadOnlyList<FanProbeJson>? Probes,
    IReadOnlyList<FanPairJson> Pairs,
    IReadOnlyList<FanOverlayPairJson> OverlayPairs);

/// <summary>libpcap's counters of a live capture (absent for files).</summary>
internal sealed record FanCaptureJson(string Interface, long Received, long KernelDropped, long InterfaceDropped);

internal sealed record FanMapJson(string Overlay, string Underlay, bool UnderlayInferred, uint Vni, int FanMtu);

internal sealed record FanEvictionsJson(long PendingArp, long PendingEcho, long UnderlayPairs, long OverlayPairs, long EchoStreams);

/// <param name="Findings">Every finding in order of precedence, the headline verdict first; empty when healthy.</param>
internal sealed record FanPairJson(string A, string B, string Verdict, IReadOnlyList<string> Findings, IReadOnlyList<string> Evidence, FanDirectionJson AToB, FanDirectionJson BToA);

internal sealed record FanOverlayPairJson(string A, string B, string? UnderlayA, string? UnderlayB, FanDirectionJson AToB, FanDirectionJson BToA);

internal sealed record FanDirectionJson(
    long Packets,
    long Bytes,
    long ArpRequests,
    long ArpAnswered,
    long ArpUnanswered,
    long EchoRequests,
    long EchoReplies,
    long EchoLost,
    long EchoMissing,
    long EchoDuplicateReplies,
    double? RttMinMs,
    double? RttAvgMs,
    double? RttMaxMs,
    long FragmentationNeeded,
    long WrongVtep,
    long VniMismatch,
    long Oversize);

/// <summary>One round of echoes <c>fan doctor</c> sent to a peer's fan bridge.</summary>
internal sealed record FanProbeJson(string Peer, string Target, int PayloadBytes, bool DontFragment, int Sent, int Replied, double? RttAvgMs, string? Error);
