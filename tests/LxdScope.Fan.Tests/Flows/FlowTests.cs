using LxdScope.Fan.Addressing;
using LxdScope.Fan.Flows;

namespace LxdScope.Fan.Tests.Flows;

public sealed class FlowTests
{
    private static readonly Ipv4Address A = Ipv4Address.Parse("192.168.0.46");
    private static readonly Ipv4Address B = Ipv4Address.Parse("192.168.0.47");

    [Fact]
    public void A_flow_and_its_reverse_share_a_canonical_form_and_symmetric_hash()
    {
        var flow = new Ipv4Flow(B, A);

        Assert.Equal(new Ipv4Flow(A, B), flow.Reverse());
        Assert.Equal(flow.Canonical, flow.Reverse().Canonical);
        Assert.Equal(flow.SymmetricHash, flow.Reverse().SymmetricHash);
        Assert.False(flow.IsCanonical);
        Assert.True(flow.Reverse().IsCanonical);
    }

    [Fact]
    public void An_echo_reply_key_is_the_reversed_request_key()
    {
        var request = new EchoKey(A, B, 23950, 1);

        Assert.Equal(new EchoKey(B, A, 23950, 1), request.Reverse());
        Assert.Equal(request, request.Reverse().Reverse());
    }
}
