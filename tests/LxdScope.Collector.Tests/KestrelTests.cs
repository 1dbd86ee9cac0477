using System.Net;
using System.Net.Http.Headers;
using LxdScope.Collector.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LxdScope.Collector.Tests;

/// <summary>The collector on real Kestrel (loopback), where the server's own body limits apply.</summary>
public sealed class KestrelTests
{
    [Fact]
    public async Task Body_limit_follows_MaxReportBytes_on_kestrel()
    {
        using var directory = new TempDirectory();
        var config = directory.File("collector.json");
        File.WriteAllText(config, $$"""
            { "Collector": { "DatabasePath": "{{directory.File("c.db")}}", "MaxReportBytes": 41943040, "MaxDecompressedBytes": 41943040,
              "Tokens": [ { "Cluster": "alpha", "Sha256": "{{TestCollector.Sha256(TestCollector.Token)}}" } ] } }
            """);
        await using var app = CollectorApp.Create(["--config", config, "--urls", "http://127.0.0.1:0"], b => b.Logging.ClearProviders());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        // The client sends the body anyway when no answer to Expect: 100-continue comes within its
        // timeout (1 s by default); on a busy machine the 413 can be later, and the server's close
        // then breaks the pipe mid-body. Waiting longer keeps the test about the server.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = new Uri(address) };

        // 35 MB is above Kestrel's default 30 MB but within the configured 40 MiB: read in full, then refused as JSON.
        var within = await Post(client, new ByteArrayContent(new byte[35_000_000]));
        await Responses.AssertProblem(within, HttpStatusCode.BadRequest);

        // Refused from its Content-Length before it is read; with 100-continue the client hears so before sending it.
        var above = await Post(client, new ByteArrayContent(new byte[45_000_000]), expectContinue: true);
        await Responses.AssertProblem(above, HttpStatusCode.RequestEntityTooLarge);

        var valid = await Post(client, new ByteArrayContent(Reports.Json(Reports.Valid())));
        await Responses.AssertOk(valid);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        await app.StopAsync();
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, HttpContent content, bool expectContinue = false)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestCollector.Token);
        request.Headers.ExpectContinue = expectContinue;
        return client.SendAsync(request);
    }
}
