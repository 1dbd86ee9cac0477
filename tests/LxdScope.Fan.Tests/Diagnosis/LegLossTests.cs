using LxdScope.Fan.Diagnosis;

namespace LxdScope.Fan.Tests.Diagnosis;

public sealed class LegLossTests
{
    [Fact]
    public void Round_trip_loss_explained_by_the_inbound_leg_leaves_the_outbound_leg_clean()
    {
        // Local pings lose 30 % of their round trips; 30 % of the peer's requests never arrive.
        var (outbound, inbound) = LegLoss.Estimate(new EchoLoss(70, 30, 0), new EchoLoss(70, 0, 30), 20)!.Value;

        Assert.Equal(0.3, inbound.Rate, 6);
        Assert.Equal(0, outbound.Rate, 6);
    }

    [Fact]
    public void Loss_both_ways_is_split_from_the_round_trips()
    {
        // 20 % each way: round trips lose 1 − 0.8 × 0.8 = 36 %.
        var (outbound, inbound) = LegLoss.Estimate(new EchoLoss(64, 36, 0), new EchoLoss(80, 0, 20), 20)!.Value;

        Assert.Equal(0.2, inbound.Rate, 6);
        Assert.Equal(0.2, outbound.Rate, 6);
    }

    [Fact]
    public void Without_enough_echoes_both_ways_there_is_no_estimate()
    {
        Assert.Null(LegLoss.Estimate(new EchoLoss(64, 36, 0), new EchoLoss(10, 0, 5), 20));
    }
}
