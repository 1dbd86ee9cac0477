using LxdScope.Contracts;

namespace LxdScope.Collector.Tests.Support;

/// <summary>Fan sections as an agent with a fan capture would send them.</summary>
internal static class FanSections
{
    public static FanPeer Peer(string member, string vtep, string verdict, long echoReplies = 3, long echoLost = 0) => new(
        member, vtep, verdict, [$"evidence for {member}"], PacketsOut: 20, PacketsIn: 18, ArpRequests: 1, ArpUnanswered: verdict == "arp-unanswered" ? 3 : 0,
        EchoRequests: echoReplies + echoLost, EchoReplies: echoReplies, EchoLost: echoLost, WrongVtep: 0, VniMismatch: 0, Oversize: 0, FragmentationNeeded: 0,
        RttBuckets: [0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], RttSumSeconds: echoReplies * 0.0003,
        Probe: new FanProbe("240.0.2.1", 56, false, 3, 3, 0.0004, null),
        MtuProbe: new FanProbe("240.0.2.1", 1422, true, 3, verdict == "mtu-blackhole" ? 0 : 3, verdict == "mtu-blackhole" ? null : 0.0005, verdict == "mtu-blackhole" ? "TimedOut" : null));

    public static FanSection Section(params FanPeer[] peers) =>
        new("eth0", "240.0.0.0/8", "192.168.0.0/16", 15728640, 1450, "192.168.0.1", 120, 0, 0, peers);
}
