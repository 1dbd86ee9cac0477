using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <summary>One cell of the fan's member×member matrix: what member <c>From</c>'s agent saw of its traffic with <c>To</c>.</summary>
public sealed record FanEdge(string From, string To, FanPeer Peer);
