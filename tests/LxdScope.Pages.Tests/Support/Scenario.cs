using LxdScope.Contracts;
using static LxdScope.Testing.ClusterReports;

namespace LxdScope.Pages.Tests.Support;

/// <summary>
/// Four clusters in the four states the pages must tell apart, built from agents' reports pushed
/// through the ingest API the way a failure unfolds: every agent reports a healthy cluster at T0;
/// at T0+20 s and T0+40 s the agents still running report again:
/// <list type="bullet">
/// <item><c>staging</c>: still healthy (quorum ok), and on Incus 6.0.4 where the others run LXD 5.0.2;</item>
/// <item><c>prod</c>: node3 stopped after T0 (its heartbeat ages past the 20 s threshold, its agent goes silent, its port refuses): quorum at risk;</item>
/// <item><c>lab</c>: node2 and node3 stopped after T0 and node1 can no longer read the cluster database: quorum LOST at T0+40 s, recover from node1;</item>
/// <item><c>edge</c>: every agent went silent after T0: quorum unknown, not lost.</item>
/// </list>
/// The clock then stands at T0+41 s.
/// </summary>
internal static class Scenario
{
    public static readonly string[] Clusters = ["staging", "prod", "lab", "edge"];

    /// <summary>The cluster whose agents send database content for the SQL console.</summary>
    public const string SqlCluster = "prod";

    /// <summary>The console token configured on the collector (not an agent token).</summary>
    public const string ConsoleToken = "pages-console-token";

    public static string ConsoleSettings() =>
        $$"""
        "Console": { "Tokens": [ { "Name": "ops", "Sha256": "{{PagesCollector.Sha256(ConsoleToken)}}" } ] }
        """;

    /// <summary>The viewer token of <see cref="ViewerSettings"/>.</summary>
    public const string ViewerToken = "pages-viewer-token";

    /// <summary>The console of <see cref="ConsoleSettings"/>, and viewers: reading needs a token.</summary>
    public static string ViewerSettings() =>
        $$"""
        "Viewers": { "Tokens": [ { "Name": "browser", "Sha256": "{{PagesCollector.Sha256(ViewerToken)}}" } ] },
        {{ConsoleSettings()}}
        """;

    public static async Task SeedAsync(PagesCollector collector)
    {
        var t0 = collector.Time.GetUtcNow();
        foreach (var cluster in Clusters)
        {
            var healthy = cluster == "staging" ? IncusGlobal(t0) : HealthyGlobal(t0);
            for (var i = 0; i < Names.Length; i++)
            {
                var report = Agent(Names[i], 1, t0, healthy, lastIndex: 100 + (ulong)i, cluster: cluster);
                if (cluster == SqlCluster)
                {
                    // What the SQL console reads: each member's local.db, and the global database from node1.
                    report = report with { Content = new DatabaseContentSection(ScenarioDatabases.Local(Names[i], t0), i == 0 ? ScenarioDatabases.Global(t0) : null) };
                }

                await collector.IngestAsync(report);
            }
        }

        for (var step = 2; step <= 3; step++)
        {
            // The staleness monitor ticks every second; ten-second steps are enough to see each change.
            collector.Advance(TimeSpan.FromSeconds(10));
            collector.Advance(TimeSpan.FromSeconds(10));
            var t = collector.Time.GetUtcNow();
            var index = 100 + (ulong)(20 * step);

            var staging = IncusGlobal(t);
            foreach (var member in Names)
            {
                var report = Agent(member, step, t, staging, lastIndex: index, cluster: "staging");
                if (member != "node3")
                {
                    // staging's fan: node1 reaches node2; node2 loses pings to node1, and some of its ARP.
                    report = report with { Fan = Fan(member) };
                }

                await collector.IngestAsync(report);
            }

            // node3's last heartbeat was 8 s before T0: past the 20 s offline threshold from T0+20 s on.
            var prod = Global(t, Member("node1", t.AddSeconds(-2), leader: true), Member("node2", t.AddSeconds(-4)), Member("node3", t0.AddSeconds(-8)));
            await collector.IngestAsync(Agent("node1", step, t, prod, ["node3"], lastIndex: index, cluster: "prod"));
            await collector.IngestAsync(Agent("node2", step, t, prod, ["node3"], lastIndex: index, cluster: "prod"));

            // node1 has the highest last raft entry (term 3, index 300): the member to recover from.
            await collector.IngestAsync(Agent("node1", step, t, null, ["node2", "node3"], lastIndex: 300, lastTerm: 3, cluster: "lab"));
        }

        collector.Advance(TimeSpan.FromSeconds(1));
    }

    private static FanSection Fan(string member)
    {
        var peer = member == "node1" ? "node2" : "node1";
        var healthy = member == "node1";
        var vtep = peer == "node1" ? "192.168.0.1" : "192.168.0.2";
        return new FanSection("eth0", "240.0.0.0/8", "192.168.0.0/16", 15728640, 1450, member == "node1" ? "192.168.0.1" : "192.168.0.2", 400, 0, 0,
        [
            new FanPeer(peer, vtep, healthy ? "healthy" : "partial-loss",
                healthy ? ["12 echo replies of 12"] : ["192.168.0.2 > 192.168.0.1: 9 of 30 echo requests lost (30 %)", $"3 of 8 ARP requests for 240.0.{vtep[^1]}.10 unanswered"],
                120, healthy ? 118 : 90, healthy ? 1 : 8, healthy ? 0 : 3, healthy ? 12 : 30, healthy ? 12 : 21, healthy ? 0 : 9, 0, 0, 0, 0,
                [0, 12, 0, 0, 0, 0, 0, 0], healthy ? 0.0036 : 0.0063, null, null,
                healthy ? [] : [new FanPeerFinding("partial-loss", ["192.168.0.2 > 192.168.0.1: 9 of 30 echo requests lost (30 %)"]), new FanPeerFinding("intermittent-arp", [$"3 of 8 ARP requests for 240.0.{vtep[^1]}.10 unanswered"])]),
        ]);
    }

    // An agent's id is unique across clusters (the collector counts each id's sequence numbers once).
    private static AgentReport Agent(
        string member, long sequence, DateTimeOffset at, GlobalDatabaseSection? global, IReadOnlyList<string>? unreachable = null,
        ulong lastIndex = 100, ulong lastTerm = 2, string cluster = "prod") =>
        Report(member, sequence, at, global, unreachable, lastIndex, lastTerm, cluster) with { AgentId = $"{cluster}-{member}" };
}
