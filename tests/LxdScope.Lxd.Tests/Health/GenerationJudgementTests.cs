using LxdScope.Lxd.Api;
using LxdScope.Lxd.Global;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Raft;
using LxdScope.Lxd.Sqlite;
using LxdScope.Lxd.Tests.Generations;

namespace LxdScope.Lxd.Tests.Health;

/// <summary>
/// The judge on every generation's own answer shapes and DDL (Generations/): each cluster must come
/// out as that release's <c>lxc cluster list</c> (or <c>incus cluster list</c>) printed it.
/// </summary>
public sealed class GenerationJudgementTests
{
    public static TheoryData<string> Folders => [.. GenerationFixture.Names];

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Every_generation_is_judged_as_its_own_cluster_list_shows_it(string folder)
    {
        var (verdict, local) = await Judge(folder);
        var list = GenerationFixture.ClusterList(folder);

        Assert.Equal(list.Select(r => r["NAME"]), verdict.Members.Select(m => m.Name));
        foreach (var (row, m) in list.Zip(verdict.Members))
        {
            Assert.Equal(row.TryGetValue("STATE", out var state) ? state : row["STATUS"], m.StateName);
            Assert.Equal(row["MESSAGE"], m.Message);
            if (row.TryGetValue("DATABASE", out var database))
            {
                // YES: a voter, or (4.15+) a stand-by; NO: never a voter (3.20-4.14 print NO for stand-bys).
                Assert.True(database == "YES" ? m.DatabaseRole is RaftRole.Voter or RaftRole.StandBy : m.DatabaseRole != RaftRole.Voter, $"{m.Name}: DATABASE {database}, judged {m.DatabaseRole}");
            }

            if (row.TryGetValue("ROLES", out var roles))
            {
                Assert.Equal(roles, string.Join('\n', m.Roles));
            }
        }

        // Quorum as the answering member's raft_nodes and the table's states make it.
        var voters = local.RaftNodes.Where(n => n.Role == RaftRole.Voter).Select(n => n.Address).ToHashSet();
        var alive = verdict.Members.Count(m => voters.Contains(m.Address) && list.Single(r => r["NAME"] == m.Name) is var r && (r.TryGetValue("STATE", out var s) ? s : r["STATUS"]) != "OFFLINE");
        Assert.Equal(voters.Count, verdict.Quorum.Voters);
        Assert.Equal(voters, verdict.Members.Where(m => m.DatabaseRole == RaftRole.Voter).Select(m => m.Address).ToHashSet());
        Assert.Equal((alive, alive > voters.Count / 2), (verdict.Quorum.VotersAlive, verdict.Quorum.HasQuorum));
        using var answer = GenerationFixture.Json(folder, "members.json");
        var leader = answer.RootElement.GetProperty("metadata").EnumerateArray()
            .FirstOrDefault(e => e.TryGetProperty("roles", out var roles) && roles.ValueKind == System.Text.Json.JsonValueKind.Array && roles.EnumerateArray().Any(x => x.GetString() == "database-leader"));
        Assert.Equal(leader.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : leader.GetProperty("server_name").GetString(), verdict.Quorum.Leader);

        // A consistent cluster draws no disagreement, no unknown role and no role it cannot tell.
        Assert.DoesNotContain(verdict.Warnings, w => w.Contains("raft_nodes", StringComparison.Ordinal) || w.Contains("cannot be told", StringComparison.Ordinal) || w.Contains("does not know", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_notes_cluster_has_seven_members_three_voters_quorum_and_no_warning()
    {
        var (verdict, _) = await Judge("lxd-3.9");

        Assert.Equal(7, verdict.Members.Count);
        Assert.Equal((3, 3, true, 1), (verdict.Quorum.Voters, verdict.Quorum.VotersAlive, verdict.Quorum.HasQuorum, verdict.Quorum.FailureTolerance));
        Assert.Empty(verdict.Warnings);
    }

    private static async Task<(ClusterVerdict Verdict, LocalSnapshot Local)> Judge(string folder)
    {
        var at = GenerationFixture.ObservedAt(folder);
        using var server = GenerationFixture.Json(folder, "server.json");
        var environment = server.RootElement.GetProperty("metadata").GetProperty("environment");
        var product = environment.GetProperty("server").GetString() == "incus" ? LxdProduct.Incus : LxdProduct.Lxd;
        using var db = GenerationFixture.Global(folder);
        var global = await GlobalReader.ReadAsync(new SqliteSelectSource(db), product, CancellationToken.None);
        var local = LocalDatabase.Read(GenerationFixture.LocalFile(folder));
        using var answer = GenerationFixture.Json(folder, "members.json");
        var verdict = ClusterJudge.Judge(new ClusterFacts
        {
            Now = at,
            Rows = global.Members,
            RowsLive = true,
            RowsReadAt = at,
            OfflineThreshold = global.OfflineThreshold,
            Reported = answer.RootElement.GetProperty("metadata").EnumerateArray().Select(LxdSocketClient.ParseMember).Select(ReportedMember.From).ToList(),
            RaftNodes = [new RaftNodesCopy(environment.GetProperty("server_name").GetString(), local.SchemaVersion, local.RaftNodes)],
            Product = product == LxdProduct.Incus ? "Incus" : "LXD",
        });
        return (verdict, local);
    }
}
