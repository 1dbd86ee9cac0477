using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LxdScope.SystemTests.Testbed;
using LxdScope.Contracts;
using Npgsql;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// Two real <c>lxdscope collector</c> processes on one real PostgreSQL, three simulated agents
/// pushing to both (alternating, and some reports to both), one collector killed with SIGKILL
/// under load and restarted. No LXD involved: the agents' side is the contract's JSON.
/// </summary>
public sealed class CollectorsOnPostgresTests
{
    private const string Cluster = "shared";
    private const string Token = "shared-agent-token";
    private const int Reports = 120;

    private int failovers;

    [Fact]
    public async Task Two_collectors_store_every_report_once_and_agree_after_one_is_killed_and_restarted()
    {
        await using var two = await TwoCollectors.StartAsync("twocollectors", partitioned: false);
        var (urls, connectionString) = (two.Urls, two.ConnectionString);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(string Agent, long Sequence, bool Duplicate)>();
        var killed = new TaskCompletionSource();

        var agents = ClusterReports.Names.Select(member => Task.Run(async () =>
        {
            for (var sequence = 1L; sequence <= Reports; sequence++)
            {
                var body = Gzip(Report(member, sequence));
                // Alternating between the collectors; every fifth report is sent to both.
                var first = (int)(sequence % 2);
                var targets = sequence % 5 == 0 ? new[] { first, 1 - first } : [first];
                foreach (var target in targets)
                {
                    outcomes.Add((member, sequence, await PushWithFailoverAsync(http, urls, target, body)));
                }

                if (member == "node1" && sequence == Reports / 3)
                {
                    // SIGKILL in the middle of the load: requests in flight die with it.
                    await two.KillAsync(0);
                    killed.SetResult();
                }

                if (member == "node1" && sequence == 2 * Reports / 3)
                {
                    // node3's outage ends only once the surviving collector has recorded it: a
                    // cluster is judged once a second or at a read, a collector catching up on
                    // the feed may apply the whole stale third between two judgements, and an
                    // event the store could not take is derived again at the next judgement
                    // only while the outage lasts.
                    await WaitUntilAsync(() => Task.FromResult(Events(connectionString).Contains(("member-offline", "node3"))), "the other collector records node3 offline");
                }
            }
        })).ToList();
        await Task.WhenAll(agents).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(killed.Task.IsCompleted);
        // The kill was felt: pushes to the dead collector failed and went to the other.
        Assert.True(failovers > 0);

        // Every sequence of every agent is stored exactly once, and none was acknowledged as new twice.
        foreach (var member in ClusterReports.Names)
        {
            Assert.Equal(Enumerable.Range(1, Reports).Select(s => (long)s), Sequences(connectionString, $"agent-{member}"));
            var accepted = outcomes.Where(o => o.Agent == member && !o.Duplicate).GroupBy(o => o.Sequence).ToList();
            Assert.All(accepted, g => Assert.Single(g));
        }

        // The killed collector restarts, restores from the database and takes reports again.
        await two.StartAsync(0);
        foreach (var member in ClusterReports.Names)
        {
            Assert.False(await PushWithFailoverAsync(http, urls, 0, Gzip(Report(member, Reports + 1))));
        }

        // Both answer the same for the cluster: its state, its agents' sequences, and one copy of each event.
        var expected = Reports + 1;
        await WaitUntilAsync(async () => (await SequencesInMetricsAsync(http, urls[1])).All(s => s == expected), "the other collector applies the reports the restarted one stored");
        Assert.Equal(await StateMetricsAsync(http, urls[0]), await StateMetricsAsync(http, urls[1]));
        Assert.Equal(await ClusterAsync(http, urls[0]), await ClusterAsync(http, urls[1]));

        var events = Events(connectionString);
        Assert.Equal(1, events.Count(e => e == ("member-offline", "node3")));
        Assert.Equal(1, events.Count(e => e == ("member-online", "node3")));
        var detail = JsonNode.Parse(await http.GetStringAsync($"{urls[1]}/api/v1/clusters/{Cluster}"))!;
        Assert.Equal(events.Count, detail["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task Partitioned_a_killed_collectors_cluster_is_taken_over_within_a_lease_time_with_every_acknowledged_report()
    {
        await using var two = await TwoCollectors.StartAsync("partitioned", partitioned: true);
        var (urls, connectionString) = (two.Urls, two.ConnectionString);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(string Agent, long Sequence, bool Duplicate)>();
        var killedAt = new TaskCompletionSource<DateTime>();
        // Every agent pushes to the first collector, which so holds the cluster, and moves
        // to the second when the first is killed.
        var agents = ClusterReports.Names.Select(member => Task.Run(async () =>
        {
            for (var sequence = 1L; sequence <= Reports; sequence++)
            {
                outcomes.Add((member, sequence, await PushWithFailoverAsync(http, urls, 0, Gzip(Report(member, sequence)))));
                if (member == "node1" && sequence == Reports / 3)
                {
                    await two.KillAsync(0);
                    killedAt.SetResult(DateTime.UtcNow);
                }

                await Task.Delay(20);
            }
        })).ToList();

        // Judged by the second collector, with the reports stored since the kill, within a lease time.
        var killed = await killedAt.Task.WaitAsync(TimeSpan.FromMinutes(2));
        // Until then its reads go to the killed holder: 502, the holder did not answer.
        await WaitUntilAsync(
            async () =>
            {
                try
                {
                    return (await SequencesInMetricsAsync(http, urls[1])).All(s => s > Reports / 3);
                }
                catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.BadGateway)
                {
                    return false;
                }
            },
            "the second collector judges the cluster",
            seconds: 30);
        var takeover = DateTime.UtcNow - killed;
        await Task.WhenAll(agents).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(takeover < TimeSpan.FromSeconds(3 + 5), $"taken over {takeover.TotalSeconds:0.0} s after the kill, with a 3 s lease");

        foreach (var member in ClusterReports.Names)
        {
            Assert.Equal(Enumerable.Range(1, Reports).Select(s => (long)s), Sequences(connectionString, $"agent-{member}"));
            Assert.All(outcomes.Where(o => o.Agent == member && !o.Duplicate).GroupBy(o => o.Sequence), g => Assert.Single(g));
        }

        await WaitUntilAsync(async () => (await SequencesInMetricsAsync(http, urls[1])).All(s => s == Reports), "the second collector has every last report");

        // Restarted, the first collector holds nothing and answers for the cluster through the second.
        await two.StartAsync(0);
        Assert.Equal(await ClusterAsync(http, urls[1]), await ClusterAsync(http, urls[0]));
        Assert.Equal(await StateMetricsAsync(http, urls[1]), await StateMetricsAsync(http, urls[0]));
    }

    /// <summary>
    /// Two real collector processes on a fresh database of the shared PostgreSQL, taking the
    /// cluster's token; sharing the clusters out with a 3 s lease when <c>partitioned</c>.
    /// Disposing stops whichever still runs and removes their directory.
    /// </summary>
    private sealed class TwoCollectors : IAsyncDisposable
    {
        private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("lxdscope-two-collectors-");
        private readonly bool partitioned;

        private TwoCollectors(string database, bool partitioned)
        {
            ConnectionString = PostgresServer.Shared.CreateDatabase(database);
            this.partitioned = partitioned;
            Config = Path.Combine(directory.FullName, "collector.json");
        }

        public string ConnectionString { get; }

        public string Config { get; }

        public string[] Urls { get; } = [$"http://127.0.0.1:{LoopbackPort.Free()}", $"http://127.0.0.1:{LoopbackPort.Free()}"];

        public BackgroundProcess?[] Processes { get; } = new BackgroundProcess?[2];

        public static async Task<TwoCollectors> StartAsync(string database, bool partitioned)
        {
            var two = new TwoCollectors(database, partitioned);
            var collector = new JsonObject
            {
                ["Storage"] = "postgres",
                ["Tokens"] = new JsonArray(new JsonObject { ["Cluster"] = Cluster, ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))) }),
            };
            if (partitioned)
            {
                collector["Postgres"] = new JsonObject { ["Partition"] = new JsonObject { ["Enabled"] = true, ["LeaseTime"] = "00:00:03" } };
            }

            await File.WriteAllTextAsync(two.Config, JsonSerializer.Serialize(new JsonObject { ["Collector"] = collector }));
            await two.StartAsync(0);
            await two.StartAsync(1);
            return two;
        }

        /// <summary>Starts collector <paramref name="i"/>; the connection string travels in the environment, as an operator would pass the secret.</summary>
        public async Task StartAsync(int i) => Processes[i] = await StartCollectorAsync(Config, Urls[i], ConnectionString, partitioned ? Urls[i] : null);

        /// <summary>SIGKILL.</summary>
        public async Task KillAsync(int i)
        {
            await Processes[i]!.DisposeAsync();
            Processes[i] = null;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in Processes)
            {
                if (process is not null)
                {
                    await process.DisposeAsync();
                }
            }

            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Reports of three members at the current time: node3's heartbeat goes stale for the middle
    /// third (one member-offline, then one member-online event); node1's agent carries the cluster database view.
    /// </summary>
    private static AgentReport Report(string member, long sequence)
    {
        var now = DateTimeOffset.UtcNow;
        var stale = sequence > Reports / 3 && sequence <= 2 * Reports / 3;
        var global = ClusterReports.Global(
            now,
            ClusterReports.Member("node1", now.AddSeconds(-3), leader: true),
            ClusterReports.Member("node2", now.AddSeconds(-5)),
            ClusterReports.Member("node3", stale ? now.AddMinutes(-30) : now.AddSeconds(-8))) with { OfflineThresholdSeconds = 600 };
        return ClusterReports.Report(member, sequence, now, member == "node1" ? global : null, cluster: Cluster);
    }

    /// <returns>Whether the collector that took the report called it a duplicate.</returns>
    private async Task<bool> PushWithFailoverAsync(HttpClient http, string[] urls, int first, byte[] body)
    {
        for (var attempt = 0; ; attempt++)
        {
            // As an agent with two collector URLs: a failed attempt moves on to the other at once.
            var url = urls[(first + attempt) % 2];
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.ContentEncoding.Add("gzip");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/api/v1/reports") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            try
            {
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    var answer = JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(), ContractJson.Default.IngestResponse)!;
                    return answer.Duplicate;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            Interlocked.Increment(ref failovers);
            Assert.True(attempt < 20, "no collector took the report");
            if (attempt % 2 == 1)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <param name="advertise">With partitioning: the URL the collector gives the others.</param>
    internal static async Task<BackgroundProcess> StartCollectorAsync(string config, string url, string connectionString, string? advertise = null)
    {
        await Executable.EnsureBuiltAsync();
        var collector = BackgroundProcess.Start("env", [
            $"LXDSCOPE_Collector__Postgres__ConnectionString={connectionString}",
            .. advertise is null ? Array.Empty<string>() : [$"LXDSCOPE_Collector__Postgres__Partition__AdvertiseUrl={advertise}"],
            Executable.Launcher, "collector", "--config", config, "--urls", url]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await WaitUntilAsync(async () =>
        {
            Assert.False(collector.HasExited, collector.Tail);
            try
            {
                return (await http.GetAsync($"{url}/readyz")).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, $"the collector on {url} is ready");
        return collector;
    }

    internal static async Task<long[]> SequencesInMetricsAsync(HttpClient http, string url, string cluster = Cluster) =>
        (await StateMetricsAsync(http, url, cluster))
            .Where(l => l.StartsWith("lxdscope_agent_last_sequence{", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1)
            .ToArray();

    /// <summary>The cluster's state series: what every collector must agree on (not its own counters, clocks or ages).</summary>
    internal static async Task<List<string>> StateMetricsAsync(HttpClient http, string url, string cluster = Cluster)
    {
        string[] state =
        [
            "lxdscope_member_state{", "lxdscope_member_online{", "lxdscope_database_voters{", "lxdscope_database_voters_online{",
            "lxdscope_database_quorum{", "lxdscope_database_leader{", "lxdscope_agent_last_sequence{", "lxdscope_agent_up{",
            "lxdscope_instances{", "lxdscope_raft_last_index{", "lxdscope_reachability_state{",
        ];
        using var response = await http.GetAsync(new Uri($"{url}/metrics/clusters/{Uri.EscapeDataString(cluster)}"));
        // 404 until the collector has a status of the cluster: no state series yet.
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n')
            .Where(l => state.Any(s => l.StartsWith(s, StringComparison.Ordinal)) && l.Contains($"cluster=\"{cluster}\"", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The cluster as the API describes it, without the moments and ages that depend on when each collector looked.</summary>
    internal static async Task<string> ClusterAsync(HttpClient http, string url, string cluster = Cluster)
    {
        var node = JsonNode.Parse(await http.GetStringAsync($"{url}/api/v1/clusters/{cluster}"))!;
        Strip(node);
        return node.ToJsonString();

        static void Strip(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (key.Contains("age", StringComparison.OrdinalIgnoreCase) || key.EndsWith("_at", StringComparison.Ordinal))
                    {
                        o.Remove(key);
                    }
                    else
                    {
                        Strip(o[key]);
                    }
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var item in a)
                {
                    Strip(item);
                }
            }
        }
    }

    internal static List<long> Sequences(string connectionString, string agent)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT sequence FROM reports WHERE agent_id = $1 ORDER BY sequence", connection);
        command.Parameters.AddWithValue(agent);
        using var reader = command.ExecuteReader();
        var list = new List<long>();
        while (reader.Read())
        {
            list.Add(reader.GetInt64(0));
        }

        return list;
    }

    private static List<(string Kind, string? Member)> Events(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT kind, member FROM events WHERE cluster = '{Cluster}' ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var list = new List<(string, string?)>();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return list;
    }

    private static byte[] Gzip(AgentReport report)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(JsonSerializer.SerializeToUtf8Bytes(report, ContractJson.Default.AgentReport));
        }

        return output.ToArray();
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }
}
