using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using LxdScope.Agent.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LxdScope.Collector.Tests.Support;

/// <summary>
/// The real collector on real Kestrel over HTTPS on loopback, with a server certificate issued
/// by a CA made for the test, as an operator would configure it (Kestrel:Certificates:Default).
/// </summary>
internal sealed class HttpsCollector : IAsyncDisposable
{
    private HttpsCollector(TempDirectory directory, WebApplication app, string caPath)
    {
        Directory = directory;
        App = app;
        CaPath = caPath;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public TempDirectory Directory { get; }

    public WebApplication App { get; }

    /// <summary>The PEM file of the CA that issued the collector's certificate, for agents to trust.</summary>
    public string CaPath { get; }

    public Uri Address { get; }

    /// <param name="collectorSettings">Extra members of the "Collector" object, JSON without braces.</param>
    public static async Task<HttpsCollector> StartAsync(string collectorSettings = "", Action<ILoggingBuilder>? logging = null, TempDirectory? directory = null)
    {
        directory ??= new TempDirectory();
        using var ca = TestCertificates.Authority("lxdscope test collector CA");
        using var server = TestCertificates.Server(ca);
        var (caPath, _) = TestCertificates.WritePem(ca, directory, "collector-ca");
        var (certificatePath, keyPath) = TestCertificates.WritePem(server, directory, "collector");
        var config = directory.File("collector.json");
        var extra = collectorSettings.Length == 0 ? "" : "," + collectorSettings;
        File.WriteAllText(config, $$"""
            {
              "Kestrel": { "Certificates": { "Default": { "Path": {{Json(certificatePath)}}, "KeyPath": {{Json(keyPath)}} } } },
              "Collector": {
                "DatabasePath": {{Json(directory.File("c.db"))}},
                "Tokens": [
                  { "Cluster": "{{TestCollector.Cluster}}", "Sha256": "{{TestCollector.Sha256(TestCollector.Token)}}" },
                  { "Cluster": "{{TestCollector.OtherCluster}}", "Sha256": "{{TestCollector.Sha256(TestCollector.OtherToken)}}" }
                ]{{extra}}
              }
            }
            """);
        var app = CollectorApp.Create(["--config", config, "--urls", "https://127.0.0.1:0"], b =>
        {
            b.Logging.ClearProviders();
            logging?.Invoke(b.Logging);
        });
        await app.StartAsync();
        return new HttpsCollector(directory, app, caPath);
    }

    /// <summary>A client built the way the agent builds its own.</summary>
    public HttpClient AgentClient(string? caFile, X509Certificate2? clientCertificate = null, string name = "agent")
    {
        string? certificatePath = null;
        string? keyPath = null;
        if (clientCertificate is not null)
        {
            (certificatePath, keyPath) = TestCertificates.WritePem(clientCertificate, Directory, name + "-" + Guid.NewGuid().ToString("N"));
        }

        return new HttpClient(CollectorHttpHandler.Create(caFile, certificatePath, keyPath)) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(20) };
    }

    public static Task<HttpResponseMessage> PushAsync(HttpClient client, Contracts.AgentReport report, string? token = TestCollector.Token)
    {
        var content = new ByteArrayContent(Reports.Gzip(report));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }

    public static string Json(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Dispose();
    }
}
