using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Raft;

public sealed class RaftPositionTests
{
    [Fact]
    public void HigherTermWinsOverHigherIndex()
    {
        var newerTerm = new RaftPosition(3, 100);
        var longerLog = new RaftPosition(2, 5000);

        Assert.True(newerTerm > longerLog);
        Assert.True(longerLog < newerTerm);
        Assert.True(newerTerm.CompareTo(longerLog) > 0);
    }

    [Fact]
    public void SameTermHigherIndexWins()
    {
        Assert.True(new RaftPosition(2, 10) > new RaftPosition(2, 9));
        Assert.True(new RaftPosition(2, 10) >= new RaftPosition(2, 10));
        Assert.True(new RaftPosition(2, 10) <= new RaftPosition(2, 10));
        Assert.Equal(0, new RaftPosition(2, 10).CompareTo(new RaftPosition(2, 10)));
    }

    [Fact]
    public void SortsLikeTheRecoveryDocs()
    {
        RaftPosition[] members = [new(1, 122), new(2, 40), new(1, 500), new(2, 41)];

        Assert.Equal(new RaftPosition(2, 41), members.Max());
        Assert.Equal([new(1, 122), new(1, 500), new(2, 40), new(2, 41)], members.Order());
    }

    [Fact]
    public void NonGenericCompare()
    {
        var position = new RaftPosition(1, 1);
        Assert.Equal(1, position.CompareTo((object?)null));
        Assert.Equal(0, position.CompareTo((object)new RaftPosition(1, 1)));
        Assert.Throws<ArgumentException>(() => position.CompareTo((object)"term 1"));
    }
}
