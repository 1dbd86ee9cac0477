using LxdScope.Fan.Addressing;

namespace LxdScope.Fan.Flows;

/// <summary>An ARP question on one fan: who has <paramref name="Target"/> on VNI <paramref name="Vni"/>. A reply carries the same key as its sender.</summary>
public readonly record struct ArpKey(uint Vni, Ipv4Address Target);
