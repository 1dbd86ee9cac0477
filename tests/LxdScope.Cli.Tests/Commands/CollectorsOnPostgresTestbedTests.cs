using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LxdScope.Cli.Tests.Testbed;
using LxdScope.Collector.Tests.Support;
using static LxdScope.Cli.Tests.Commands.CollectorsOnPostgresTests;

namespace LxdScope.Cli.Tests.Commands;

/// <summary>
/// The testbed's three members watched by real agents that list two collectors on one
/// PostgreSQL: the preferred collector is killed with SIGKILL, the agents fail over to the other,
/// the killed one restarts, and nothing is lost or stored twice.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class CollectorsOnPostgresTestbedTests(TestbedFixture testbed)
{
    private const string Cluster = "testbed";
    private const string Token = "testbed-pg-agent-token";

    [Fact]
    public async Task Real_agents_fail_over_between_two_collectors_on_one_postgres_and_lose_nothing()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        var connectionString = PostgresServer.Shared.CreateDatabase("testbedagents");
        var directory = Directory.CreateTempSubdirectory("lxdscope-pg-agents-");
        var processes = new List<BackgroundProcess>();
        BackgroundProcess? preferred = null;
        try
        {
            var config = Path.Combine(directory.FullName, "collector.json");
            var tokenFile = Path.Combine(directory.FullName, "token");
            await File.WriteAllTextAsync(tokenFile, Token);
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new JsonObject
            {
                ["Collector"] = new JsonObject
                {
                    ["Storage"] = "postgres",
                    ["Tokens"] = new JsonArray(new JsonObject { ["Cluster"] = Cluster, ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))) }),
                },
            }));
            var urls = new[] { $"http://127.0.0.1:{LoopbackPort.Free()}", $"http://127.0.0.1:{LoopbackPort.Free()}" };
            preferred = await StartCollectorAsync(config, urls[0], connectionString);
            processes.Add(await StartCollectorAsync(config, urls[1], connectionString));
            var agents = ClusterReports.Names.Select(member => BackgroundProcess.Start(Processes.Launcher,
            [
                "agent", "--cluster", Cluster, "--collector", string.Join(',', urls), "--token-file", tokenFile,
                "--lxd-dir", testbed.MemberDir(member), "--spool-dir", Path.Combine(directory.FullName, "spool-" + member),
                "--agent-id", "pg-agent-" + member, "--interval", "2s",
            ])).ToList();
            processes.AddRange(agents);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

            // Both collectors see every agent, though the agents push only to the first.
            await WaitUntilAsync(async () => (await SequencesInMetricsAsync(http, urls[1], Cluster)) is { Length: 3 } s && s.All(n => n >= 2), "the second collector shows every agent's reports", 90);

            await preferred.DisposeAsync();
            preferred = null;
            var atKill = await SequencesInMetricsAsync(http, urls[1], Cluster);
            await WaitUntilAsync(async () => (await SequencesInMetricsAsync(http, urls[1], Cluster)).Zip(atKill).All(p => p.First >= p.Second + 3), "the agents fail over to the second collector", 90);

            preferred = await StartCollectorAsync(config, urls[0], connectionString);
            var afterRestart = await SequencesInMetricsAsync(http, urls[1], Cluster);
            await WaitUntilAsync(async () => (await SequencesInMetricsAsync(http, urls[0], Cluster)).Zip(afterRestart).All(p => p.First >= p.Second + 2), "the restarted collector follows the agents' reports again", 90);

            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
                processes.Remove(agent);
            }

            // Every report each agent made is stored once: its sequences run from 1 without a gap.
            foreach (var member in ClusterReports.Names)
            {
                var stored = Sequences(connectionString, "pg-agent-" + member);
                Assert.Equal(Enumerable.Range(1, stored.Count).Select(s => (long)s), stored);
            }

            // Both collectors answer the same for the cluster (member states age on each collector's clock: compared until they meet).
            await WaitUntilAsync(async () =>
                (await StateMetricsAsync(http, urls[0], Cluster)).SequenceEqual(await StateMetricsAsync(http, urls[1], Cluster))
                && await ClusterAsync(http, urls[0], Cluster) == await ClusterAsync(http, urls[1], Cluster), "both collectors agree", 30);
        }
        finally
        {
            if (preferred is not null)
            {
                processes.Add(preferred);
            }

            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            directory.Delete(recursive: true);
        }
    }
}
