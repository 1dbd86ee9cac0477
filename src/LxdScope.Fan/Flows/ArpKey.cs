using LxdScope.Fan.Addressing;

namespace LxdScope.Fan.Flows;

/// <summary>
/// An ARP question on one fan: who has <paramref name="Target"/> on VNI <paramref name="Vni"/>, asked by
/// <paramref name="Asker"/>. The reply carries the same key reversed (its sender is the target, its target
/// the asker), so one container's answer to a neighbour does not count as an answer to another asker.
/// </summary>
internal readonly record struct ArpKey(uint Vni, Ipv4Address Target, Ipv4Address Asker);
