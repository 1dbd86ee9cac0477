using LxdScope.Agent.Push;

namespace LxdScope.Agent.Tests.Push;

public sealed class BackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(64, 60)]
    [InlineData(int.MaxValue, 60)]
    public void The_ceiling_doubles_per_failure_up_to_the_maximum(int failures, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Ceiling(failures, Initial, Max));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.25, 2)]
    [InlineData(0.999, 7.992)]
    public void Full_jitter_is_a_fraction_of_the_ceiling(double fraction, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.FullJitter(4, Initial, Max, new FixedRandom(fraction)));
    }

    [Theory]
    [InlineData(0.0, 30)]
    [InlineData(0.5, 45)]
    [InlineData(0.999, 59.97)]
    public void Equal_jitter_stays_above_half_the_ceiling(double fraction, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.EqualJitter(Max, new FixedRandom(fraction)));
    }

    [Fact]
    public void Zero_failures_have_no_backoff_to_speak_of()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Ceiling(0, Initial, Max));
    }
}
