using LxdScope.Fan.Addressing;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Layers;
using LxdScope.Fan.Synthesis;
using LxdScope.Fan.Tests.Fixtures;

namespace LxdScope.Fan.Tests.Layers;

public sealed class IcmpMessageTests
{
    [Fact]
    public void Echo_request_id_and_sequence()
    {
        // 0800 426c 5d8e 0001: echo request, id 23950, seq 1.
        Assert.Null(IcmpMessage.TryDecode(NotesTrace.EchoRequest.AsSpan(84), out var icmp));

        Assert.Equal(IcmpMessage.EchoRequest, icmp.Type);
        Assert.Equal(23950, icmp.Identifier);
        Assert.Equal(1, icmp.Sequence);
    }

    [Fact]
    public void Echo_reply_id_and_sequence()
    {
        Assert.Null(IcmpMessage.TryDecode(NotesTrace.EchoReply.AsSpan(84), out var icmp));

        Assert.Equal(IcmpMessage.EchoReply, icmp.Type);
        Assert.Equal(23950, icmp.Identifier);
        Assert.Equal(1, icmp.Sequence);
    }

    [Fact]
    public void Fragmentation_needed_names_the_MTU_and_the_probe_it_refused()
    {
        // 0304 xxxx 0000 05aa, then the refused echo request's IPv4 header and first 8 bytes.
        var message = NotesTrace.Hex("""
            0304 0000 0000 05aa
            4500 0594 0000 4000 4001 f7f6 f000 2e0e f000 2f63
            0800 f4f1 5d9c 0001
            """);
        message[2..4].AsSpan().Clear();
        var sum = FanFrameWriter.Checksum(message);
        message[2] = (byte)(sum >> 8);
        message[3] = (byte)sum;

        Assert.Null(IcmpMessage.TryDecode(message, out var icmp));

        Assert.True(icmp.IsFragmentationNeeded);
        Assert.Equal(1450, icmp.NextHopMtu);
        Assert.Equal(Ipv4Address.Parse("240.0.46.14"), icmp.OriginalSource);
        Assert.Equal(Ipv4Address.Parse("240.0.47.99"), icmp.OriginalDestination);
        Assert.Equal(1428, icmp.OriginalTotalLength);
        Assert.Equal(23964, icmp.Identifier);
        Assert.Equal(1, icmp.Sequence);
    }

    [Fact]
    public void Unreachable_without_the_quoted_header_is_truncated()
    {
        Assert.Equal(DecodeStatus.TruncatedIcmp, IcmpMessage.TryDecode(NotesTrace.Hex("0304 0000 0000 05aa 4500 0594"), out _));
    }

    [Fact]
    public void Seven_bytes_are_truncated()
    {
        Assert.Equal(DecodeStatus.TruncatedIcmp, IcmpMessage.TryDecode(new byte[7], out _));
    }
}
