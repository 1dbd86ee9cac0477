namespace LxdScope.Fan.Tests.Fixtures;

/// <summary>
/// Real frames from the kernel's VXLAN (UDP 8472, VNI 15728640), captured on host 192.168.0.46's
/// underlay with the addresses of the operator's notes: container A 240.0.46.14 on 192.168.0.46
/// pings container B 240.0.47.99 on 192.168.0.47. The whole capture is Fixtures/notes-trace.pcap.
/// </summary>
internal static class NotesTrace
{
    /// <summary>
    /// Ethernet[IPv4[UDP[VXLAN[Ethernet[ARP]]]]]
    /// 04:31:57.421397 IP 192.168.0.46.53713 > 192.168.0.47.8472: VXLAN, flags [I] (0x08), vni 15728640
    /// ARP, Request who-has 240.0.47.99 tell 240.0.46.14, length 28
    /// </summary>
    public static byte[] ArpRequest => Hex("""
        3693 9831 37df 524f 5b79 3507 0800 4500
        004e 7266 0000 4011 868b c0a8 002e c0a8
        002f d1d1 2118 003a 81f9 0800 0000 f000
        0000 ffff ffff ffff 02fa 0000 002e 0806
        0001 0800 0604 0001 02fa 0000 002e f000
        2e0e 0000 0000 0000 f000 2f63
        """);

    /// <summary>
    /// Ethernet[IPv4[UDP[VXLAN[Ethernet[ARP]]]]]
    /// 04:31:57.421452 IP 192.168.0.47.53713 > 192.168.0.46.8472: VXLAN, flags [I] (0x08), vni 15728640
    /// ARP, Reply 240.0.47.99 is-at 02:fa:00:00:00:2f, length 28
    /// </summary>
    public static byte[] ArpReply => Hex("""
        524f 5b79 3507 3693 9831 37df 0800 4500
        004e d7f3 0000 4011 20fe c0a8 002f c0a8
        002e d1d1 2118 003a 81f9 0800 0000 f000
        0000 02fa 0000 002e 02fa 0000 002f 0806
        0001 0800 0604 0002 02fa 0000 002f f000
        2f63 02fa 0000 002e f000 2e0e
        """);

    /// <summary>
    /// Ethernet[IPv4[UDP[VXLAN[Ethernet[IPv4[ICMP]]]]]]
    /// 04:31:57.421462 IP 192.168.0.46.33392 > 192.168.0.47.8472: VXLAN, flags [I] (0x08), vni 15728640
    /// IP 240.0.46.14 > 240.0.47.99: ICMP echo request, id 23950, seq 1, length 64
    /// </summary>
    public static byte[] EchoRequest => Hex("""
        3693 9831 37df 524f 5b79 3507 0800 4500
        0086 7267 0000 4011 8652 c0a8 002e c0a8
        002f 8270 2118 0072 8231 0800 0000 f000
        0000 02fa 0000 002f 02fa 0000 002e 0800
        4500 0054 3e1c 4000 4001 bf1a f000 2e0e
        f000 2f63 0800 426c 5d8e 0001 3d59 0a6b
        0000 0000 4b6d 0600 0000 0000 1011 1213
        1415 1617 1819 1a1b 1c1d 1e1f 2021 2223
        2425 2627 2829 2a2b 2c2d 2e2f 3031 3233
        3435 3637
        """);

    /// <summary>
    /// Ethernet[IPv4[UDP[VXLAN[Ethernet[IPv4[ICMP]]]]]]
    /// 04:31:57.421610 IP 192.168.0.47.33392 > 192.168.0.46.8472: VXLAN, flags [I] (0x08), vni 15728640
    /// IP 240.0.47.99 > 240.0.46.14: ICMP echo reply, id 23950, seq 1, length 64
    /// </summary>
    public static byte[] EchoReply => Hex("""
        524f 5b79 3507 3693 9831 37df 0800 4500
        0086 d7f4 0000 4011 20c5 c0a8 002f c0a8
        002e 8270 2118 0072 8231 0800 0000 f000
        0000 02fa 0000 002e 02fa 0000 002f 0800
        4500 0054 d0d9 0000 4001 6c5d f000 2f63
        f000 2e0e 0000 4a6c 5d8e 0001 3d59 0a6b
        0000 0000 4b6d 0600 0000 0000 1011 1213
        1415 1617 1819 1a1b 1c1d 1e1f 2021 2223
        2425 2627 2829 2a2b 2c2d 2e2f 3031 3233
        3435 3637
        """);

    public static string PcapPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "notes-trace.pcap");

    public static byte[] Hex(string dump) =>
        Convert.FromHexString(string.Concat(dump.Where(Uri.IsHexDigit)));
}
