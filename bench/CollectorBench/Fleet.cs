using LxdScope.Contracts;

/// <summary>Synthetic reports shaped like a real LXD 5.0 cluster's agents send (see the testbed's), at any size.</summary>
internal static class Fleet
{
    public static string Member(int i) => $"node{i:D2}";

    public static string Address(int cluster, int i) => $"10.{cluster / 250}.{cluster % 250}.{i + 1}:8443";

    public static AgentReport Report(int cluster, int members, int member, long sequence, DateTimeOffset at, int instances = 12)
    {
        var names = Enumerable.Range(0, members).ToList();
        var global = new GlobalDatabaseSection("lxd", "5.0.2", 60, 20, Member(0),
            names.Select(i => new MemberInfo(i + 1, Member(i), Address(cluster, i), 0, at.AddSeconds(-(i % 10)), 60, 318,
                i == 0 ? ["database-leader", "database"] : i < 3 ? ["database"] : i < 5 ? ["database-standby"] : [],
                i < 3 ? "voter" : i < 5 ? "stand-by" : "spare", "x86_64", "default", "Online", "Fully operational")).ToList(),
            names.SelectMany(i => new[] { new InstanceCountInfo(Member(i), "default", "container", 10), new InstanceCountInfo(Member(i), "web", "virtual-machine", 2) }).ToList(),
            12, 2, 3, [new WarningCountInfo("10", "new", 1)]);
        return new AgentReport
        {
            AgentId = $"c{cluster}-{Member(member)}",
            Cluster = $"cluster{cluster:D3}",
            Epoch = "bench",
            Sequence = sequence,
            StartedAt = at.AddMilliseconds(-30),
            CollectedAt = at,
            Member = Member(member),
            Address = Address(cluster, member),
            Collectors = AgentOptionsNames.Select(n => new CollectorResult(n, true, 0.01, null)).ToList(),
            Local = new LocalDatabaseSection(42, Address(cluster, member), names.Take(5).Select(i => new RaftNodeInfo(i + 1, Address(cluster, i), i < 3 ? "voter" : "stand-by", Member(i))).ToList(), 0.0002),
            Global = global,
            Raft = new RaftFilesSection(3, 12345, 3, 4, 1, 1, 11264, names.Take(5).Select(i => new RaftServerInfo((ulong)i + 1, Address(cluster, i), i < 3 ? "voter" : "stand-by")).ToList(), [], [], 50_000_000_000),
            Reachability = new ReachabilitySection(names.Select(i => new PeerProbe(Member(i), Address(cluster, i), true, 0.0003, 0.003, null, CertificateVerified: true)).ToList()),
            Instances = new InstancesSection(Enumerable.Range(0, instances).Select(k => new InstanceInfo($"i{k}", k % 12 < 10 ? "default" : "web", k % 12 < 10 ? "container" : "virtual-machine", k % 3 == 0 ? "Stopped" : "Running")).ToList(), null),
            Self = new AgentSelfSection("bench", 35_000_000, 10, 0.02, 0, 0, 10),
        };
    }

    private static readonly string[] AgentOptionsNames = ["local", "global", "raft", "instances", "reachability"];
}
