using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LxdScope.Collector;
using LxdScope.Collector.State;
using LxdScope.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LxdScope.Pages.Tests.Support;

/// <summary>
/// The real collector on Kestrel at 127.0.0.1 (an ephemeral port), where a browser can reach it:
/// its own database and configuration in a temporary directory, agent tokens for the scenario's
/// clusters, and a fake clock so that ages on the pages are exact.
/// </summary>
internal sealed class PagesCollector : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = ClusterReports.T0;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "lxdscope-pages-" + Guid.NewGuid().ToString("N"));
    private WebApplication? app;

    private PagesCollector()
    {
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static string AgentToken(string cluster) => $"{cluster}-agent-token";

    public static async Task<PagesCollector> StartAsync(IEnumerable<string> clusters, string? extraSettings = null)
    {
        var collector = new PagesCollector();
        Directory.CreateDirectory(collector.directory);
        var config = Path.Combine(collector.directory, "collector.json");
        var tokens = string.Join(",", clusters.Select(c => $$"""{ "Cluster": "{{c}}", "Sha256": "{{Sha256(AgentToken(c))}}" }"""));
        var database = JsonSerializer.Serialize(Path.Combine(collector.directory, "collector.db"), PagesTestJson.Default.String);
        File.WriteAllText(config, $$"""{ "Collector": { "DatabasePath": {{database}}, "Tokens": [ {{tokens}} ]{{(extraSettings is null ? "" : "," + extraSettings)}} } }""");

        collector.app = CollectorApp.Create(["--config", config, "--urls", "http://127.0.0.1:0"], b =>
        {
            b.Logging.ClearProviders();
            b.Services.AddSingleton<TimeProvider>(collector.Time);
        });
        await collector.app.StartAsync();
        var address = collector.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        collector.BaseAddress = new Uri(address);
        collector.Client = new HttpClient { BaseAddress = collector.BaseAddress };
        return collector;
    }

    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Pushes a report through the ingest API, as an agent does; anything but 200 fails the test.</summary>
    public async Task IngestAsync(AgentReport report)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(report, ContractJson.Default.AgentReport));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AgentToken(report.Cluster));
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ingest of {report.AgentId} for {report.Cluster}: {(int)response.StatusCode} {body}");
    }

    /// <summary>Moves the clock and re-judges every cluster, as the staleness monitor does each second.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        app!.Services.GetRequiredService<ClusterRegistry>().Tick();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
