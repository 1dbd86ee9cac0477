namespace LxdScope.Fan.Addressing;

/// <summary>An IPv4 network in CIDR form, e.g. 240.0.0.0/8.</summary>
public readonly record struct Ipv4Subnet(Ipv4Address Network, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    public bool Contains(Ipv4Address address) => (address.Value & Mask) == (Network.Value & Mask);

    public static Ipv4Subnet Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !Ipv4Address.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, null, out var prefix) || prefix > 32)
        {
            throw new FormatException($"'{text}' is not an IPv4 subnet (a.b.c.d/n)");
        }

        var subnet = new Ipv4Subnet(address, prefix);
        return subnet with { Network = new Ipv4Address(address.Value & subnet.Mask) };
    }

    public override string ToString() => $"{Network}/{PrefixLength}";
}
