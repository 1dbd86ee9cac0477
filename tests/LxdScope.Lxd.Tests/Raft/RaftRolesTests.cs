using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Raft;

public sealed class RaftRolesTests
{
    [Theory]
    [InlineData(0, RaftRole.StandBy)]
    [InlineData(1, RaftRole.Voter)]
    [InlineData(2, RaftRole.Spare)]
    public void CRaftNumbering(byte value, RaftRole expected)
    {
        Assert.Equal(expected, RaftRoles.FromCRaft(value));
        Assert.True(RaftRoles.TryFromCRaft(value, out var role));
        Assert.Equal(expected, role);
    }

    [Theory]
    [InlineData(0L, RaftRole.Voter)]
    [InlineData(1L, RaftRole.StandBy)]
    [InlineData(2L, RaftRole.Spare)]
    public void GoDqliteNumbering(long value, RaftRole expected) =>
        Assert.Equal(expected, RaftRoles.FromGoDqlite(value));

    [Fact]
    public void TheTwoNumberingsDisagreeOnZeroAndOne()
    {
        Assert.NotEqual(RaftRoles.FromCRaft(0), RaftRoles.FromGoDqlite(0));
        Assert.NotEqual(RaftRoles.FromCRaft(1), RaftRoles.FromGoDqlite(1));
    }

    [Fact]
    public void RejectsOtherValues()
    {
        for (var value = 3; value <= 255; value++)
        {
            Assert.False(RaftRoles.TryFromCRaft((byte)value, out _));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => RaftRoles.FromCRaft(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => RaftRoles.FromGoDqlite(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RaftRoles.FromGoDqlite(3));
    }

    [Fact]
    public void DefaultIsNotAValidRole() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => default(RaftRole).ToDisplay());

    [Theory]
    [InlineData(RaftRole.Voter, "voter")]
    [InlineData(RaftRole.StandBy, "stand-by")]
    [InlineData(RaftRole.Spare, "spare")]
    public void DisplayNamesMatchLxd(RaftRole role, string expected) => Assert.Equal(expected, role.ToDisplay());
}
