using LxdScope.Fan.Addressing;

namespace LxdScope.Fan.Flows;

/// <summary>One ICMP echo: the reply to a request has the reversed key (addresses swapped, same identifier and sequence).</summary>
internal readonly record struct EchoKey(Ipv4Address Source, Ipv4Address Destination, ushort Identifier, ushort Sequence)
{
    public EchoKey Reverse() => this with { Source = Destination, Destination = Source };
}
