using LxdScope.Collector.Ingest;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Tests;

public sealed class CollectorAppTests
{
    [Fact]
    public async Task Configuration_file_sets_the_options()
    {
        await using var collector = await TestCollector.StartAsync(extraSettings: "\"MaxClockSkew\": \"00:00:30\", \"Retention\": \"2.00:00:00\"", storage: StorageKinds.Sqlite);

        var options = collector.Service<IOptions<CollectorOptions>>().Value;

        Assert.Equal(collector.DatabasePath, options.DatabasePath);
        Assert.Equal(2, options.Tokens.Count);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxClockSkew);
        Assert.Equal(TimeSpan.FromDays(2), options.Retention);
        Assert.True(File.Exists(collector.DatabasePath));
    }

    [Fact]
    public async Task Command_line_overrides_the_file()
    {
        using var directory = new TempDirectory();
        var config = directory.File("collector.json");
        File.WriteAllText(config, """{ "Collector": { "DatabasePath": "/nonexistent/never.db", "MaxReportBytes": 1000 } }""");
        var database = directory.File("db/override.db");

        await using var app = CollectorApp.Create(
            ["--config", config, $"--Collector:DatabasePath={database}"],
            b =>
            {
                b.WebHost.UseTestServer();
                b.Logging.ClearProviders();
            });
        await app.StartAsync();

        var options = app.Services.GetRequiredService<IOptions<CollectorOptions>>().Value;
        Assert.Equal(database, options.DatabasePath);
        Assert.Equal(1000, options.MaxReportBytes);
        Assert.True(File.Exists(database));
        await app.StopAsync();
    }

    [Fact]
    public async Task Invalid_configuration_stops_the_start()
    {
        using var directory = new TempDirectory();
        var config = directory.File("collector.json");
        File.WriteAllText(config, """{ "Collector": { "DatabasePath": "x.db", "Tokens": [ { "Cluster": "alpha", "Sha256": "the-token-itself" } ] } }""");

        await using var app = CollectorApp.Create(["--config", config], b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders();
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Sha256 must be 64 hex digits", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-token-itself", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_configuration_file_stops_the_start()
    {
        Assert.Throws<FileNotFoundException>(() => CollectorApp.Create(["--config", "/nonexistent/collector.json"]));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Default_sink_is_the_cluster_registry()
    {
        using var directory = new TempDirectory();
        await using var app = CollectorApp.Create([$"--Collector:DatabasePath={directory.File("c.db")}"], b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders();
        });

        Assert.Same(app.Services.GetRequiredService<ClusterRegistry>(), app.Services.GetRequiredService<IReportSink>());
        Assert.IsType<SqliteCollectorStore>(app.Services.GetRequiredService<ICollectorStore>());
        Assert.Same(app.Services.GetRequiredService<IngestCounters>(), app.Services.GetRequiredService<IngestCounters>());
    }

    [Fact]
    public async Task Restart_gives_the_sink_every_agents_latest_report()
    {
        using var directory = new TempDirectory();
        var database = directory.File("c.db");
        await using (var first = await TestCollector.StartAsync(b => b.Services.PostConfigure<CollectorOptions>(o => o.DatabasePath = database), storage: StorageKinds.Sqlite))
        {
            await Responses.AssertOk(await first.PostAsync(Reports.Valid(agentId: "a", sequence: 1)));
            await Responses.AssertOk(await first.PostAsync(Reports.Valid(agentId: "a", sequence: 2)));
            await Responses.AssertOk(await first.PostAsync(Reports.Valid(agentId: "b", sequence: 1)));
        }

        await using var second = await TestCollector.StartAsync(b => b.Services.PostConfigure<CollectorOptions>(o => o.DatabasePath = database), storage: StorageKinds.Sqlite);

        Assert.Equal([("a", 2L), ("b", 1L)], second.Sink.Calls.Select(c => (c.Report.AgentId, c.Report.Sequence)));
        Assert.True((await Responses.AssertOk(await second.PostAsync(Reports.Valid(agentId: "a", sequence: 2)))).Duplicate);
    }
}
