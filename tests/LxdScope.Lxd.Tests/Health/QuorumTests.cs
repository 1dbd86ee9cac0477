using LxdScope.Lxd.Health;

namespace LxdScope.Lxd.Tests.Health;

public sealed class QuorumTests
{
    [Theory]
    [InlineData(1, 1, true, 0)]
    [InlineData(1, 0, false, 0)]
    [InlineData(2, 2, true, 0)]
    [InlineData(2, 1, false, 0)]
    [InlineData(3, 3, true, 1)]
    [InlineData(3, 2, true, 0)]
    [InlineData(3, 1, false, 0)]
    [InlineData(4, 3, true, 0)]
    [InlineData(5, 5, true, 2)]
    [InlineData(5, 3, true, 0)]
    [InlineData(5, 2, false, 0)]
    [InlineData(0, 0, false, 0)]
    public void A_majority_of_voters_must_be_alive(int voters, int online, bool quorum, int tolerance)
    {
        var q = Quorum.Of(voters, online);

        Assert.Equal(quorum, q.HasQuorum);
        Assert.Equal(tolerance, q.FailureTolerance);
    }
}
