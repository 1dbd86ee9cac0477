using System.Net;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LxdScope.Collector.Tests.Health;

public sealed class HealthApiTests
{
    [Fact]
    public async Task Healthz_answers_ok_while_the_process_serves()
    {
        await using var collector = await TestCollector.StartAsync();

        var response = await collector.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_answers_ok_when_the_store_does()
    {
        await using var collector = await TestCollector.StartAsync();

        var response = await collector.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_is_unavailable_when_the_database_directory_is_removed()
    {
        await using var collector = await TestCollector.StartAsync(storage: StorageKinds.Sqlite);

        Directory.Delete(Path.GetDirectoryName(collector.DatabasePath)!, recursive: true);

        await Responses.AssertProblem(await collector.Client.GetAsync("/readyz"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await collector.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_is_unavailable_when_the_store_is_not_ready()
    {
        var store = new StubStore { Ready = false };
        await using var collector = await TestCollector.StartAsync(b => b.Services.AddSingleton<ICollectorStore>(store));

        await Responses.AssertProblem(await collector.Client.GetAsync("/readyz"), HttpStatusCode.ServiceUnavailable);

        store.Ready = true;
        Assert.Equal(HttpStatusCode.OK, (await collector.Client.GetAsync("/readyz")).StatusCode);
    }
}
