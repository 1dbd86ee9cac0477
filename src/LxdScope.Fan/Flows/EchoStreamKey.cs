using LxdScope.Fan.Addressing;

namespace LxdScope.Fan.Flows;

/// <summary>One pinger's stream of echo requests: ping keeps source, destination and identifier and counts the sequence up.</summary>
internal readonly record struct EchoStreamKey(Ipv4Address Source, Ipv4Address Destination, ushort Identifier);
