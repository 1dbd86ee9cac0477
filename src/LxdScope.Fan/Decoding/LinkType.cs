namespace LxdScope.Fan.Decoding;

/// <summary>The pcap link types the decoder reads (values from the tcpdump.org LINKTYPE_ list).</summary>
public enum LinkType
{
    Ethernet = 1,
    Raw = 101,
    LinuxCooked = 113,
    Ipv4 = 228,
    LinuxCooked2 = 276,
}
