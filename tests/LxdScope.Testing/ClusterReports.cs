using LxdScope.Contracts;

namespace LxdScope.Testing;

/// <summary>Reports of a three-member cluster as the agents on a healthy LXD 5.0.2 testbed send them.</summary>
public static class ClusterReports
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    public static readonly string[] Names = ["node1", "node2", "node3"];

    public static string Address(string member) => $"127.0.0.{member[^1]}:8443";

    public static MemberInfo Member(string name, DateTimeOffset heartbeat, string role = "voter", int state = 0, bool leader = false) =>
        new(long.Parse(name[^1..], System.Globalization.CultureInfo.InvariantCulture), name, Address(name), state, heartbeat, 60, 318,
            leader ? ["database-leader", "database"] : role == "voter" ? ["database"] : [], role, "x86_64", "default", "Online", "Fully operational");

    public static GlobalDatabaseSection Global(DateTimeOffset at, params MemberInfo[] members) =>
        new("lxd", "5.0.2", 60, 20, members.FirstOrDefault(m => m.Roles.Contains("database-leader"))?.Name, members,
            [new InstanceCountInfo("node1", "default", "container", 2), new InstanceCountInfo("node2", "default", "container", 1)],
            1, 1, 0, []);

    public static GlobalDatabaseSection HealthyGlobal(DateTimeOffset at) =>
        Global(at, Member("node1", at.AddSeconds(-3), leader: true), Member("node2", at.AddSeconds(-5)), Member("node3", at.AddSeconds(-8)));

    /// <summary>The same cluster on Incus 6.0.4 (global schema 73), as its agents send it.</summary>
    public static GlobalDatabaseSection IncusGlobal(DateTimeOffset at, string version = "6.0.4") =>
        HealthyGlobal(at) with { Product = "incus", ServerVersion = version, Schema = 73 };

    public static AgentReport Report(
        string member, long sequence, DateTimeOffset at, GlobalDatabaseSection? global = null, IReadOnlyList<string>? unreachable = null,
        ulong lastIndex = 100, ulong lastTerm = 2, string cluster = "prod")
    {
        unreachable ??= [];
        return new AgentReport
        {
            AgentId = $"agent-{member}",
            Cluster = cluster,
            Epoch = "e1",
            Sequence = sequence,
            StartedAt = at.AddMilliseconds(-50),
            CollectedAt = at,
            Member = member,
            Address = Address(member),
            Collectors = [new CollectorResult("local", true, 0.002, null), new CollectorResult("global", global is not null, 0.01, global is null ? "no quorum" : null)],
            Local = new LocalDatabaseSection(42, Address(member), Names.Select((n, i) => new RaftNodeInfo(i + 1, Address(n), "voter", n)).ToList(), 0.0003),
            Global = global,
            Raft = new RaftFilesSection(lastTerm, lastIndex, lastTerm, 3, 1, 0, null,
                Names.Select((n, i) => new RaftServerInfo((ulong)i + 1, Address(n), "voter")).ToList(), [], [], 10_000_000_000),
            Reachability = new ReachabilitySection(Names.Select(n => unreachable.Contains(n)
                ? new PeerProbe(n, Address(n), false, null, null, "TCP connect: connection refused")
                : new PeerProbe(n, Address(n), true, 0.0002, 0.002, null, CertificateVerified: true)).ToList()),
            Instances = new InstancesSection([new InstanceInfo($"c-{member}", "default", "container", "Running")], null),
            Self = new AgentSelfSection("test", 30_000_000, 1.5, 0.01, 0, 0, 10) { LxdApiRequests = 11, LxdApiResponseBytes = 21_000, LxdFileBytes = 140_000 },
        };
    }
}
