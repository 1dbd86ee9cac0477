using System.Diagnostics;
using System.Text.Json;
using LxdScope.Collector.Partition;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LxdScope.Collector.Tests.Partition;

/// <summary>
/// Clusters shared out among two collectors on one PostgreSQL database: one holds each cluster's
/// lease and judges it, the other stores its reports and forwards its reads; a holder that
/// stops renewing loses the cluster to the other within a lease time, with every acknowledged
/// report in the state it takes over.
/// </summary>
public sealed class PartitionTests
{
    private const string LeaseTime = "00:00:03";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_collector_receiving_a_clusters_first_report_judges_it_and_the_other_forwards_its_reads()
    {
        await using var owner = await StartAsync("http://owner.test");
        await using var other = await StartAsync("http://other.test", sharedDatabase: owner.PostgresConnectionString, forwardTo: owner);

        await Responses.AssertOk(await owner.PostAsync(Reports.Valid(sequence: 1)));
        await Until(() => owner.Service<ClusterOwnership>().Owns(TestCollector.Cluster), "the receiving collector holds the cluster");
        await Until(() => other.Service<ClusterOwnership>().OwnerOf(TestCollector.Cluster) == "http://owner.test", "the other collector sees who holds it");

        // Stored by the other collector, applied by the owner only.
        await Responses.AssertOk(await other.PostAsync(Reports.Valid(sequence: 2)));
        await Until(() => owner.Service<ClusterRegistry>().Status(TestCollector.Cluster)?.Agents.Single().Sequence == 2, "the owner applies the report the other stored");
        Assert.Null(other.Service<ClusterRegistry>().Status(TestCollector.Cluster));
        Assert.False(other.Service<ClusterOwnership>().Owns(TestCollector.Cluster));

        // Reads of the cluster on the other collector are answered by the owner.
        var detail = await other.Client.GetAsync($"/api/v1/clusters/{TestCollector.Cluster}");
        var body = await detail.Content.ReadAsStringAsync();
        Assert.True(detail.IsSuccessStatusCode, body);
        using (var json = JsonDocument.Parse(body))
        {
            Assert.Equal(2, json.RootElement.GetProperty("status").GetProperty("agents")[0].GetProperty("sequence").GetInt64());
        }

        var metrics = await other.Client.GetStringAsync($"/metrics/clusters/{TestCollector.Cluster}");
        Assert.Contains($"cluster=\"{TestCollector.Cluster}\"", metrics, StringComparison.Ordinal);

        // As Prometheus asks: gzip'd once, by the owner, not again on the way back.
        using var gzipped = new HttpRequestMessage(HttpMethod.Get, $"/metrics/clusters/{TestCollector.Cluster}");
        gzipped.Headers.AcceptEncoding.ParseAdd("gzip");
        using var compressed = await other.Client.SendAsync(gzipped);
        Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
        using var unzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(metrics, await new StreamReader(unzip).ReadToEndAsync());

        // The list and the scrape targets of the other collector name the cluster, at its owner.
        await Until(async () => (await other.Client.GetStringAsync("/api/v1/clusters")).Contains($"\"name\": \"{TestCollector.Cluster}\"", StringComparison.Ordinal), "the other collector lists the owner's cluster");
        var targets = await other.Client.GetStringAsync("/metrics/targets");
        Assert.Contains("\"owner.test\"", targets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_holder_that_stops_renewing_loses_the_cluster_within_a_lease_time_with_every_acknowledged_report()
    {
        await using var survivor = await StartAsync("http://survivor.test");
        var database = survivor.PostgresConnectionString!;
        var stopped = await StartAsync("http://stopped.test", sharedDatabase: database);
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            await Responses.AssertOk(await stopped.PostAsync(Reports.Valid(sequence: sequence)));
        }

        await Until(() => stopped.Service<ClusterOwnership>().Owns(TestCollector.Cluster), "the first collector holds the cluster");
        await stopped.DisposeAsync();
        // As a killed collector leaves it: a lease still running that nobody renews.
        Execute(database, "UPDATE cluster_leases SET owner = 'http://stopped.test', expires_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 3000");

        // Its agent goes on with the survivor: stored at once, judged once the lease has run out.
        var clock = Stopwatch.StartNew();
        await Responses.AssertOk(await survivor.PostAsync(Reports.Valid(sequence: 4)));
        Assert.Null(survivor.Service<ClusterRegistry>().Status(TestCollector.Cluster));
        await Until(() => survivor.Service<ClusterRegistry>().Status(TestCollector.Cluster)?.Agents.Single().Sequence == 4, "the survivor takes the cluster over");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3) + TimeSpan.FromSeconds(2), $"taken over after {clock.Elapsed.TotalSeconds:0.0} s with a 3 s lease");
        Assert.True(survivor.Service<ClusterOwnership>().Owns(TestCollector.Cluster));
        Assert.Equal([1L, 2L, 3L, 4L], ((PostgresCollectorStore)survivor.Service<ICollectorStore>()).Sequences("agent-1", "epoch-1"));
    }

    [Fact]
    public async Task A_clean_stop_releases_the_leases_so_the_next_report_moves_the_cluster_at_once()
    {
        await using var survivor = await StartAsync("http://survivor.test");
        var stopping = await StartAsync("http://stopping.test", sharedDatabase: survivor.PostgresConnectionString);
        await Responses.AssertOk(await stopping.PostAsync(Reports.Valid(sequence: 1)));
        await Until(() => stopping.Service<ClusterOwnership>().Owns(TestCollector.Cluster), "the first collector holds the cluster");
        await stopping.DisposeAsync();

        var clock = Stopwatch.StartNew();
        await Responses.AssertOk(await survivor.PostAsync(Reports.Valid(sequence: 2)));
        await Until(() => survivor.Service<ClusterRegistry>().Status(TestCollector.Cluster)?.Agents.Single().Sequence == 2, "the survivor takes the cluster over");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"taken over after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_collector_whose_lease_another_took_forgets_the_cluster_and_forwards_its_reads()
    {
        await using var taker = await StartAsync("http://taker.test");
        await using var loser = await StartAsync("http://loser.test", sharedDatabase: taker.PostgresConnectionString, forwardTo: taker);
        await Responses.AssertOk(await loser.PostAsync(Reports.Valid(sequence: 1)));
        await Until(() => loser.Service<ClusterRegistry>().Status(TestCollector.Cluster) is not null, "the receiving collector judges the cluster");

        // As after a partition from the database longer than the lease: another collector holds it now.
        Execute(taker.PostgresConnectionString!, "UPDATE cluster_leases SET owner = 'http://taker.test'");
        await Responses.AssertOk(await taker.PostAsync(Reports.Valid(sequence: 2)));

        await Until(() => loser.Service<ClusterRegistry>().Status(TestCollector.Cluster) is null, "the collector that lost the lease forgets the cluster");
        await Until(() => taker.Service<ClusterRegistry>().Status(TestCollector.Cluster)?.Agents.Single().Sequence == 2, "the holder judges it");
        var detail = await loser.Client.GetStringAsync($"/api/v1/clusters/{TestCollector.Cluster}");
        using var json = JsonDocument.Parse(detail);
        Assert.Equal(2, json.RootElement.GetProperty("status").GetProperty("agents")[0].GetProperty("sequence").GetInt64());
    }

    [Theory]
    [InlineData("""{ "Storage": "postgres", "Postgres": { "ConnectionString": "Host=127.0.0.1", "Partition": { "Enabled": true } } }""", "Collector:Postgres:Partition:AdvertiseUrl must be")]
    [InlineData("""{ "Storage": "postgres", "Postgres": { "ConnectionString": "Host=127.0.0.1", "Partition": { "Enabled": true, "AdvertiseUrl": "http://c1.example:9470/api" } } }""", "without a path")]
    [InlineData("""{ "Storage": "postgres", "Postgres": { "ConnectionString": "Host=127.0.0.1", "Partition": { "Enabled": true, "AdvertiseUrl": "http://c1.example:9470", "LeaseTime": "00:00:01" } } }""", "LeaseTime must be between 3 seconds and 5 minutes")]
    [InlineData("""{ "Storage": "sqlite", "Postgres": { "Partition": { "Enabled": true, "AdvertiseUrl": "http://c1.example:9470" } } }""", "Partition:Enabled needs Collector:Storage postgres")]
    public void Partition_settings_are_checked_at_start(string collector, string expected)
    {
        var options = new CollectorOptions();
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{ "Collector": {{collector}} }""")))
            .Build().GetSection(CollectorOptions.Section).Bind(options);

        var result = new CollectorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    private static Task<TestCollector> StartAsync(string advertise, string? sharedDatabase = null, TestCollector? forwardTo = null) =>
        TestCollector.StartAsync(
            b =>
            {
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Collector:Postgres:Partition:Enabled"] = "true",
                    ["Collector:Postgres:Partition:AdvertiseUrl"] = advertise,
                    ["Collector:Postgres:Partition:LeaseTime"] = LeaseTime,
                });
                b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>());
                if (forwardTo is not null)
                {
                    b.Services.AddSingleton(sp => new OwnerForwarding.OwnerClient(sp.GetRequiredService<ClusterOwnership>(), forwardTo.App.GetTestServer().CreateHandler()));
                }
            },
            storage: StorageKinds.Postgres,
            sharedDatabase: sharedDatabase);

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, $"not within {Patience.TotalSeconds} s: {what}");
            await Task.Delay(50);
        }
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
