using LxdScope.Lxd.Health;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Health;

public sealed class MembershipCheckTests
{
    private static readonly LocalRaftNode[] Local =
    [
        new(1, "127.0.0.1:8443", RaftRole.Voter, "node1"),
        new(2, "127.0.0.2:8443", RaftRole.Voter, "node2"),
        new(3, "127.0.0.3:8443", RaftRole.StandBy, "node3"),
    ];

    [Fact]
    public void Agreement_reports_nothing()
    {
        var cluster = new Dictionary<string, RaftRole> { ["127.0.0.1:8443"] = RaftRole.Voter, ["127.0.0.2:8443"] = RaftRole.Voter, ["127.0.0.3:8443"] = RaftRole.StandBy };

        Assert.Empty(MembershipCheck.Compare(Local, cluster, "the cluster"));
    }

    [Fact]
    public void Role_changes_missing_and_extra_members_are_named()
    {
        var cluster = new Dictionary<string, RaftRole> { ["127.0.0.1:8443"] = RaftRole.Voter, ["127.0.0.3:8443"] = RaftRole.Voter, ["127.0.0.4:8443"] = RaftRole.Spare };

        var found = MembershipCheck.Compare(Local, cluster, "the raft log");

        Assert.Equal(
            [
                "raft_nodes lists node2 (127.0.0.2:8443) as voter, but the raft log does not have it",
                "raft_nodes lists node3 (127.0.0.3:8443) as stand-by, the raft log says voter",
                "the raft log has 127.0.0.4:8443 as spare, but raft_nodes does not list it",
            ],
            found);
    }
}
