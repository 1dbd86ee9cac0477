namespace LxdScope.Lxd.Health;

/// <summary>Raft quorum among database voters: more than half must be alive.</summary>
/// <param name="FailureTolerance">How many more voters may fail before quorum is lost.</param>
public sealed record Quorum(int Voters, int VotersOnline, bool HasQuorum, int FailureTolerance)
{
    public static Quorum Of(int voters, int votersOnline)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(voters);
        ArgumentOutOfRangeException.ThrowIfNegative(votersOnline);
        var majority = voters / 2 + 1;
        var has = voters > 0 && votersOnline >= majority;
        return new(voters, votersOnline, has, has ? votersOnline - majority : 0);
    }
}
