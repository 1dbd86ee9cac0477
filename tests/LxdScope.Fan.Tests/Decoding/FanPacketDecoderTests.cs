using LxdScope.Fan.Decoding;
using LxdScope.Fan.Tests.Fixtures;

namespace LxdScope.Fan.Tests.Decoding;

public sealed class FanPacketDecoderTests
{
    private readonly FanPacketDecoder _decoder = new();

    private FanPacket Decode(byte[] frame, LinkType linkType = LinkType.Ethernet)
    {
        var packet = default(FanPacket);
        _decoder.Decode(linkType, frame, ref packet);
        return packet;
    }

    [Fact]
    public void The_notes_ARP_request_decodes_through_every_layer()
    {
        var p = Decode(NotesTrace.ArpRequest);

        Assert.Equal(DecodeStatus.Vxlan, p.Status);
        Assert.Equal("192.168.0.46", p.Outer.Source.ToString());
        Assert.Equal("192.168.0.47", p.Outer.Destination.ToString());
        Assert.Equal(53713, p.Udp.SourcePort);
        Assert.Equal(8472, p.Udp.DestinationPort);
        Assert.Equal(15728640u, p.Vxlan.Vni);
        Assert.Equal(InnerKind.ArpRequest, p.Kind);
        Assert.Equal("240.0.47.99", p.Arp.TargetIp.ToString());
        Assert.Equal("240.0.46.14", p.Arp.SenderIp.ToString());
        Assert.Equal(42, p.InnerFrameLength);
    }

    [Fact]
    public void Echo_request_and_reply_decode_to_the_same_conversation()
    {
        var request = Decode(NotesTrace.EchoRequest);
        var reply = Decode(NotesTrace.EchoReply);

        Assert.Equal(InnerKind.EchoRequest, request.Kind);
        Assert.Equal(InnerKind.EchoReply, reply.Kind);
        Assert.Equal(request.InnerIp.Source, reply.InnerIp.Destination);
        Assert.Equal(request.Icmp.Identifier, reply.Icmp.Identifier);
        Assert.Equal(request.Icmp.Sequence, reply.Icmp.Sequence);
        Assert.Equal(84, request.InnerIp.TotalLength);
        Assert.Equal(98, request.InnerFrameLength);
    }

    [Fact]
    public void Port_8472_is_not_VXLAN_when_another_port_is_configured()
    {
        var decoder = new FanPacketDecoder(port: 4789, alternatePort: 0);
        var packet = default(FanPacket);

        Assert.Equal(DecodeStatus.NotVxlanPort, decoder.Decode(LinkType.Ethernet, NotesTrace.ArpRequest, ref packet));
    }

    [Fact]
    public void Port_4789_is_VXLAN_by_default_too()
    {
        var frame = NotesTrace.ArpRequest;
        frame[36] = 4789 >> 8;
        frame[37] = 4789 & 0xFF;

        Assert.Equal(DecodeStatus.Vxlan, Decode(frame).Status);
    }

    [Fact]
    public void Every_cut_of_the_echo_request_is_named_and_never_thrown()
    {
        var frame = NotesTrace.EchoRequest;
        var seen = new HashSet<DecodeStatus>();
        for (var length = 0; length < frame.Length; length++)
        {
            var p = Decode(frame[..length]);
            seen.Add(p.Status);
        }

        Assert.Equal(
            [DecodeStatus.TruncatedLinkHeader, DecodeStatus.TruncatedOuterIpv4, DecodeStatus.TruncatedUdp, DecodeStatus.TruncatedVxlan,
             DecodeStatus.Vxlan, DecodeStatus.TruncatedInnerEthernet, DecodeStatus.TruncatedInnerIpv4, DecodeStatus.TruncatedIcmp],
            seen.Order());
    }

    [Fact]
    public void Every_cut_of_the_ARP_request_is_named()
    {
        var frame = NotesTrace.ArpRequest;
        var statuses = Enumerable.Range(0, frame.Length).Select(n => Decode(frame[..n]).Status).ToHashSet();

        Assert.Contains(DecodeStatus.TruncatedArp, statuses);
        Assert.DoesNotContain(DecodeStatus.Vxlan, statuses);
    }

    [Fact]
    public void A_snap_length_cut_keeps_the_inner_frame_length_from_UDP()
    {
        var p = Decode(NotesTrace.EchoRequest[..96]);

        Assert.Equal(DecodeStatus.Vxlan, p.Status);
        Assert.Equal(InnerKind.EchoRequest, p.Kind);
        Assert.Equal(98, p.InnerFrameLength);
    }

    [Fact]
    public void A_clear_I_flag_is_counted_not_decoded()
    {
        var frame = NotesTrace.ArpRequest;
        frame[42] = 0;

        Assert.Equal(DecodeStatus.VxlanInvalidFlags, Decode(frame).Status);
    }

    [Fact]
    public void A_later_outer_fragment_is_not_read_as_UDP()
    {
        var frame = NotesTrace.EchoRequest;
        frame[20] = 0x00;
        frame[21] = 0xB9;

        Assert.Equal(DecodeStatus.OuterFragment, Decode(frame).Status);
    }

    [Fact]
    public void UDP_length_below_its_header_is_malformed()
    {
        var frame = NotesTrace.ArpRequest;
        frame[38] = 0;
        frame[39] = 4;

        Assert.Equal(DecodeStatus.MalformedUdp, Decode(frame).Status);
    }

    [Fact]
    public void Underlay_ARP_is_not_IPv4()
    {
        Assert.Equal(DecodeStatus.NotIpv4, Decode(NotesTrace.ArpRequest[50..]).Status);
    }

    [Fact]
    public void Inner_IPv6_is_other_ethertype()
    {
        var frame = NotesTrace.EchoRequest;
        frame[62] = 0x86;
        frame[63] = 0xdd;

        var p = Decode(frame);

        Assert.Equal(DecodeStatus.Vxlan, p.Status);
        Assert.Equal(InnerKind.OtherEtherType, p.Kind);
    }

    [Fact]
    public void Linux_cooked_capture_is_read()
    {
        // tcpdump -i any: 16-byte SLL header, protocol 0x0800 in its last two bytes.
        var sll = NotesTrace.Hex("0000 0001 0006 524f 5b79 3507 0000 0800").Concat(NotesTrace.ArpRequest[14..]).ToArray();

        var p = Decode(sll, LinkType.LinuxCooked);

        Assert.Equal(InnerKind.ArpRequest, p.Kind);
    }

    [Fact]
    public void Raw_IPv4_capture_is_read()
    {
        Assert.Equal(InnerKind.EchoReply, Decode(NotesTrace.EchoReply[14..], LinkType.Raw).Kind);
    }

    [Fact]
    public void Unknown_link_type_is_counted()
    {
        var packet = default(FanPacket);

        Assert.Equal(DecodeStatus.UnsupportedLinkType, _decoder.Decode((LinkType)105, NotesTrace.ArpRequest, ref packet));
    }

    [Fact]
    public void Decoding_allocates_nothing()
    {
        var frame = NotesTrace.EchoRequest;
        var packet = default(FanPacket);
        _decoder.Decode(LinkType.Ethernet, frame, ref packet);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            _decoder.Decode(LinkType.Ethernet, frame, ref packet);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
