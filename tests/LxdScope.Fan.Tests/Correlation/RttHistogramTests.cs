using LxdScope.Fan.Correlation;

namespace LxdScope.Fan.Tests.Correlation;

public sealed class RttHistogramTests
{
    [Fact]
    public void Quantiles_are_bucket_bounds_never_above_the_maximum()
    {
        var rtt = new RttHistogram();
        for (var i = 0; i < 90; i++)
        {
            rtt.Observe(0.0003);
        }

        for (var i = 0; i < 10; i++)
        {
            rtt.Observe(0.03);
        }

        Assert.Equal(0.0005, rtt.Quantile(0.5));
        Assert.Equal(0.0005, rtt.Quantile(0.9));
        Assert.Equal(0.03, rtt.Quantile(0.95));
    }

    [Fact]
    public void An_empty_histogram_has_no_quantile()
    {
        Assert.True(double.IsNaN(new RttHistogram().Quantile(0.5)));
    }
}
