using System.Text.Json;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Global;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Raft;
using LxdScope.Lxd.Sqlite;

namespace LxdScope.Lxd.Tests.Health;

public sealed class ClusterJudgeTests
{
    private static readonly DateTimeOffset Now = new(2019, 1, 14, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The operator's LXD 3.9 cluster: its nodes table (global schema 13), hypercube03's raft_nodes
    /// (local schema 38) and the members API in 3.9's shape (shared/api/cluster.go at lxd-3.9:
    /// server_name, url, database, status, message — no roles).
    /// </summary>
    private static async Task<ClusterFacts> NotesCluster()
    {
        var names = new[] { ("hypercube01", "192.168.0.46"), ("hypercube02", "192.168.0.47"), ("hypercube03", "192.168.0.48"), ("hypercube04", "192.168.0.51"), ("hypercube05", "192.168.0.30"), ("hypercube06", "192.168.0.21"), ("hypercube07", "192.168.0.26") };
        var heartbeat = Now.AddSeconds(-3).ToString("yyyy-MM-dd HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture) + "+00:00";
        using var db = SchemaFiles.InMemory(
            "Global/Schemas/global-13.sql",
            "INSERT INTO nodes (id, name, address, schema, api_extensions, heartbeat, pending) VALUES "
            + string.Join(", ", names.Select((n, i) => $"({i + 1}, '{n.Item1}', '{n.Item2}:8443', 13, 115, '{heartbeat}', 0)")));
        var global = await GlobalReader.ReadAsync(new SqliteSelectSource(db), LxdProduct.Lxd, CancellationToken.None);
        var local = LocalDatabase.Read(SchemaFiles.LocalDbFile(
            "Local/Schemas/local-38.sql",
            "INSERT INTO raft_nodes (id, address) VALUES (1, '192.168.0.46:8443'), (2, '192.168.0.47:8443'), (3, '192.168.0.48:8443');"
            + "INSERT INTO config (key, value) VALUES ('core.https_address', '192.168.0.48:8443');"));
        var api = JsonDocument.Parse("[" + string.Join(",", names.Select((n, i) =>
            $$"""{"server_name":"{{n.Item1}}","url":"https://{{n.Item2}}:8443","database":{{(i < 3 ? "true" : "false")}},"status":"Online","message":"fully operational"}""")) + "]");

        return new ClusterFacts
        {
            Now = Now,
            Rows = global.Members,
            RowsLive = true,
            RowsReadAt = Now,
            OfflineThreshold = global.OfflineThreshold,
            Reported = api.RootElement.EnumerateArray().Select(LxdSocketClient.ParseMember).Select(ReportedMember.From).ToList(),
            RaftNodes = [new RaftNodesCopy("hypercube03", local.SchemaVersion, local.RaftNodes)],
        };
    }

    [Fact]
    public async Task The_notes_LXD_3_9_cluster_is_judged_as_its_lxc_cluster_list_showed_it()
    {
        var verdict = ClusterJudge.Judge(await NotesCluster());

        Assert.Equal(7, verdict.Members.Count);
        Assert.Equal(
            ["voter", "voter", "voter", "spare", "spare", "spare", "spare"],
            verdict.Members.Select(m => m.DatabaseRole?.ToDisplay()));
        Assert.Equal([["database"], ["database"], ["database"], [], [], [], []], verdict.Members.Select(m => m.Roles));
        Assert.All(verdict.Members, m => Assert.Equal(("ONLINE", "fully operational"), (m.StateName, m.Message)));
        Assert.Equal((3, 3, true, 1), (verdict.Quorum.Voters, verdict.Quorum.VotersAlive, verdict.Quorum.HasQuorum, verdict.Quorum.FailureTolerance));
        Assert.Null(verdict.Quorum.Leader); // 3.9 does not say who leads
        Assert.Empty(verdict.Warnings);
    }

    [Fact]
    public async Task A_3_9_member_whose_heartbeat_stopped_is_offline_and_quorum_holds_with_two_voters()
    {
        var facts = await NotesCluster();
        var rows = facts.Rows!.Select(r => r.Name == "hypercube02" ? r with { Heartbeat = Now.AddSeconds(-40) } : r).ToList();
        var reported = facts.Reported!.Select(m => m.Name == "hypercube02" ? m with { Status = "Offline", Message = "no heartbeat since 40s" } : m).ToList();

        var verdict = ClusterJudge.Judge(facts with { Rows = rows, Reported = reported });

        Assert.Equal(("OFFLINE", "no heartbeat since 40s"), (verdict.Members[1].StateName, verdict.Members[1].Message));
        Assert.Equal((3, 2, true, 0), (verdict.Quorum.Voters, verdict.Quorum.VotersAlive, verdict.Quorum.HasQuorum, verdict.Quorum.FailureTolerance));
        Assert.StartsWith("Database quorum at risk: 2 of 3 voters alive", verdict.Warnings[0], StringComparison.Ordinal);
        Assert.Contains(verdict.Warnings, w => w.StartsWith("hypercube02 (192.168.0.47:8443) is OFFLINE: no heartbeat since 40s (threshold 20 s)", StringComparison.Ordinal));
    }

    [Fact]
    public void From_3_18_database_true_means_voter_or_stand_by_by_the_roles_listed()
    {
        var members = new[]
        {
            Member("n1", "database", "database-leader"),
            Member("n2", "database-voter"), // 6.7+
            Member("n3", "database-standby"),
            Member("n4"),
            Member("n5", "event-hub"),
        };

        Assert.Equal(
            [RaftRole.Voter, RaftRole.Voter, RaftRole.StandBy, RaftRole.Spare, RaftRole.Spare],
            members.Select(m => DatabaseRoles.Of(m)));
    }

    [Fact]
    public void A_database_member_with_no_role_LxdScope_knows_takes_its_role_from_the_raft_log_and_is_named_in_a_warning()
    {
        var facts = Modern() with
        {
            Reported = [Reported("n1", Member("n1", "database-leader", "database")), Reported("n2", Member("n2", "database")), Reported("n3", Member("n3", "database-witness") with { Database = true })],
            RaftConfiguration = [new RaftServer(1, "127.0.0.1:8443", RaftRole.Voter), new RaftServer(2, "127.0.0.2:8443", RaftRole.Voter), new RaftServer(3, "127.0.0.3:8443", RaftRole.Voter)],
        };

        var verdict = ClusterJudge.Judge(facts);

        Assert.Equal(RaftRole.Voter, verdict.Members[2].DatabaseRole);
        Assert.Equal(["database-witness"], verdict.Members[2].Roles);
        Assert.Equal((3, true, "n1"), (verdict.Quorum.Voters, verdict.Quorum.HasQuorum, verdict.Quorum.Leader));
        Assert.Contains(verdict.Warnings, w => w == "n3 (127.0.0.3:8443) has the role \"database-witness\", which LxdScope does not know; shown as LXD listed it.");
    }

    [Fact]
    public void A_role_nothing_can_tell_is_never_a_spare_and_never_a_voter()
    {
        var facts = Modern() with
        {
            Reported = [Reported("n1", Member("n1", "database-leader", "database")), Reported("n2", Member("n2", "database")), Reported("n3", Member("n3", "database-witness") with { Database = true })],
        };

        var verdict = ClusterJudge.Judge(facts);

        Assert.Null(verdict.Members[2].DatabaseRole);
        Assert.Equal((2, 2, true), (verdict.Quorum.Voters, verdict.Quorum.VotersAlive, verdict.Quorum.HasQuorum));
        Assert.Contains(verdict.Warnings, w => w.StartsWith("n3 (127.0.0.3:8443): its database role cannot be told", StringComparison.Ordinal));
    }

    [Fact]
    public void A_status_LxdScope_does_not_know_is_shown_as_LXD_said_with_a_warning()
    {
        var facts = Modern();
        facts = facts with { Reported = [.. facts.Reported!.Take(2), facts.Reported![2] with { Status = "Broken", Message = "inconsistent version" }] };

        var verdict = ClusterJudge.Judge(facts);

        Assert.Equal(("BROKEN", "inconsistent version"), (verdict.Members[2].StateName, verdict.Members[2].Message));
        Assert.True(verdict.Members[2].Alive); // its heartbeat is fresh: it still counts for quorum
        Assert.Contains(verdict.Warnings, w => w.StartsWith("n3 (127.0.0.3:8443): LXD reports the status \"Broken\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_voter_every_observer_fails_to_reach_is_not_alive_before_its_heartbeat_ages()
    {
        var facts = Modern() with
        {
            Probes = [new("n1", "127.0.0.3:8443", false, "connection refused"), new("n2", "127.0.0.3:8443", false, "connection refused"), new("n1", "127.0.0.2:8443", true, null)],
        };

        var verdict = ClusterJudge.Judge(facts);

        Assert.Equal(MemberState.Online, verdict.Members[2].State);
        Assert.Equal((2, 0), (verdict.Quorum.VotersAlive, verdict.Quorum.FailureTolerance));
        Assert.Equal(["n3"], verdict.Quorum.Unreachable);
        Assert.Contains(verdict.Warnings, w => w.StartsWith("n3 (127.0.0.3:8443) is ONLINE by its last heartbeat", StringComparison.Ordinal) && w.Contains("connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_database_voters_come_from_the_raft_log_and_liveness_from_probes_and_the_furthest_log_is_named()
    {
        var facts = new ClusterFacts
        {
            Now = Now,
            RaftConfiguration = [new RaftServer(1, "127.0.0.1:8443", RaftRole.Voter), new RaftServer(2, "127.0.0.2:8443", RaftRole.Voter), new RaftServer(3, "127.0.0.3:8443", RaftRole.Voter), new RaftServer(4, "127.0.0.4:8443", RaftRole.StandBy)],
            RaftNodes = [new RaftNodesCopy("n1", 42, [new LocalRaftNode(1, "127.0.0.1:8443", RaftRole.Voter, "n1"), new LocalRaftNode(2, "127.0.0.2:8443", RaftRole.Voter, "n2"), new LocalRaftNode(3, "127.0.0.3:8443", RaftRole.Voter, "n3"), new LocalRaftNode(4, "127.0.0.4:8443", RaftRole.StandBy, "n4")])],
            Probes = [new("n1", "127.0.0.2:8443", false, "connection refused"), new("n1", "127.0.0.3:8443", false, "connection refused"), new("n1", "127.0.0.1:8443", true, null)],
            Progress = [new("n1", new RaftPosition(3, 120), true), new("n2", new RaftPosition(3, 130), false), new("n4", new RaftPosition(2, 400), true)],
        };

        var verdict = ClusterJudge.Judge(facts);

        Assert.Equal(["n1", "n2", "n3", "n4"], verdict.Members.Select(m => m.Name));
        Assert.Equal([MemberState.Reachable, MemberState.Unreachable, MemberState.Unreachable, MemberState.Unknown], verdict.Members.Select(m => m.State));
        Assert.Equal((3, 1, false, "n2"), (verdict.Quorum.Voters, verdict.Quorum.VotersAlive, verdict.Quorum.HasQuorum, verdict.Quorum.RecoverFrom));
        Assert.StartsWith("Database quorum lost: 1 of 3 voters alive (unreachable: n2, n3). If the others cannot come back, recover from n2", verdict.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Recover_from_is_the_recovery_plans_choice_whatever_order_the_positions_come_in()
    {
        RaftProgress[] progress = [new("n3", new RaftPosition(3, 130), true), new("n2", new RaftPosition(3, 130), true), new("n1", new RaftPosition(3, 130), true)];
        var facts = new ClusterFacts
        {
            Now = Now,
            RaftConfiguration = [new RaftServer(1, "127.0.0.1:8443", RaftRole.Voter), new RaftServer(2, "127.0.0.2:8443", RaftRole.Voter), new RaftServer(3, "127.0.0.3:8443", RaftRole.Voter)],
            Probes = [new("n1", "127.0.0.2:8443", false, "connection refused"), new("n1", "127.0.0.3:8443", false, "connection refused"), new("n1", "127.0.0.1:8443", true, null)],
        };

        var forward = ClusterJudge.Judge(facts with { Progress = progress });
        var backward = ClusterJudge.Judge(facts with { Progress = progress.Reverse().ToList() });
        var plan = RecoveryPlanner.Plan(progress.Select(p => new RecoveryMember(p.Member, "test", p.Position, "voter", true, [])).ToList());

        Assert.Equal("n1", forward.Quorum.RecoverFrom);
        Assert.Equal("n1", backward.Quorum.RecoverFrom);
        Assert.Equal("n1", plan.Chosen!.Name);
    }

    [Fact]
    public void A_name_listed_twice_does_not_stop_the_choice_of_a_member_to_recover_from()
    {
        var facts = new ClusterFacts
        {
            Now = Now,
            RaftConfiguration = [new RaftServer(1, "127.0.0.1:8443", RaftRole.Voter), new RaftServer(2, "127.0.0.2:8443", RaftRole.Voter), new RaftServer(3, "127.0.0.3:8443", RaftRole.Voter)],
            RaftNodes = [new RaftNodesCopy("n1", 42, [new LocalRaftNode(1, "127.0.0.1:8443", RaftRole.Voter, "n1"), new LocalRaftNode(2, "127.0.0.2:8443", RaftRole.Voter, "n1"), new LocalRaftNode(3, "127.0.0.3:8443", RaftRole.Voter, "n3")])],
            Probes = [new("n1", "127.0.0.2:8443", false, "connection refused"), new("n1", "127.0.0.3:8443", false, "connection refused"), new("n1", "127.0.0.1:8443", true, null)],
            Progress = [new("n1", new RaftPosition(3, 130), true), new("n3", new RaftPosition(3, 120), false)],
        };

        var verdict = ClusterJudge.Judge(facts);

        Assert.False(verdict.Quorum.HasQuorum);
        Assert.Equal("n1", verdict.Quorum.RecoverFrom);
    }

    [Fact]
    public void With_no_database_and_no_probes_quorum_is_unknown_not_lost()
    {
        var verdict = ClusterJudge.Judge(new ClusterFacts { Now = Now, RaftConfiguration = [new RaftServer(1, "127.0.0.1:8443", RaftRole.Voter)] });

        Assert.False(verdict.Quorum.Judged);
        Assert.Equal(MemberState.Unknown, verdict.Members[0].State);
    }

    [Fact]
    public void A_3_x_raft_nodes_lists_only_voters_so_spares_missing_from_it_are_no_disagreement_but_a_wrong_voter_is()
    {
        var facts = Modern() with
        {
            RaftNodes = [new RaftNodesCopy("n1", 38, [new LocalRaftNode(1, "127.0.0.1:8443", RaftRole.Voter, ""), new LocalRaftNode(2, "127.0.0.2:8443", RaftRole.Voter, ""), new LocalRaftNode(4, "127.0.0.9:8443", RaftRole.Voter, "")])],
        };

        var verdict = ClusterJudge.Judge(facts);

        Assert.Equal(
            ["raft_nodes lists 127.0.0.9:8443 as voter, but the cluster does not have it", "the cluster has 127.0.0.3:8443 as voter, but raft_nodes does not list it"],
            verdict.Members[0].Disagreements);
        Assert.Contains("n1: raft_nodes lists 127.0.0.9:8443 as voter, but the cluster does not have it.", verdict.Warnings);
    }

    [Theory]
    [InlineData("""{"url":"https://127.0.0.1:8443","database":true,"status":"Online","message":""}""", "\"server_name\"")]
    [InlineData("""{"server_name":"n1","url":"https://127.0.0.1:8443","roles":"database","database":true,"status":"Online"}""", "\"roles\" as String")]
    [InlineData("""{"server_name":"n1","url":"https://127.0.0.1:8443","database":"yes","status":"Online"}""", "\"database\" as String")]
    [InlineData("""{"server_name":"n1","url":"https://127.0.0.1:8443","database":true}""", "\"status\"")]
    [InlineData("""["n1"]""", "Array")]
    public void An_answer_shape_LxdScope_does_not_know_is_an_error_naming_the_field(string json, string named)
    {
        var e = Assert.Throws<LxdApiException>(() => LxdSocketClient.ParseMember(JsonDocument.Parse(json).RootElement));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    private static ClusterMember Member(string name, params string[] roles) =>
        new(name, $"https://127.0.0.{name[1..]}:8443", roles, "Online", "Fully operational", "x86_64", "default", roles.Any(r => r.StartsWith("database", StringComparison.Ordinal)));

    private static ReportedMember Reported(string name, ClusterMember member) => ReportedMember.From(member);

    /// <summary>A healthy three-voter cluster as LXD 5.0 shows it.</summary>
    private static ClusterFacts Modern()
    {
        var rows = Enumerable.Range(1, 3).Select(i => new GlobalMember(i, $"n{i}", $"127.0.0.{i}:8443", 60, 320, Now.AddSeconds(-4), 0, 2, "default", [])).ToList();
        return new ClusterFacts
        {
            Now = Now,
            Rows = rows,
            RowsLive = true,
            RowsReadAt = Now,
            Reported = [ReportedMember.From(Member("n1", "database-leader", "database")), ReportedMember.From(Member("n2", "database")), ReportedMember.From(Member("n3", "database"))],
        };
    }
}
