using System.Net;
using System.Net.Sockets;
using System.Text;
using LxdScope.Collector.Http;
using LxdScope.Collector.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Tests.Http;

/// <summary>Kestrel's own limits on real Kestrel (loopback), each tried past its edge.</summary>
public sealed class KestrelSetupTests
{
    [Fact]
    public async Task Limits_refuse_long_request_lines_big_headers_and_big_console_bodies()
    {
        using var directory = new TempDirectory();
        var config = directory.File("collector.json");
        File.WriteAllText(config, $$"""
            { "Collector": { "DatabasePath": {{HttpsCollector.Json(directory.File("c.db"))}},
              "Tokens": [ { "Cluster": "alpha", "Sha256": "{{TestCollector.Sha256(TestCollector.Token)}}" } ], {{Support.Mirrors.ConsoleSettings()}} } }
            """);
        await using var app = CollectorApp.Create(["--config", config, "--urls", "http://127.0.0.1:0"], b => b.Logging.ClearProviders());
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        using var client = new HttpClient { BaseAddress = address };

        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(KestrelSetup.MaxBodyBytes, limits.MaxRequestBodySize);
        Assert.Equal(KestrelSetup.MaxRequestLineBytes, limits.MaxRequestLineSize);
        Assert.Equal(KestrelSetup.MaxHeadersBytes, limits.MaxRequestHeadersTotalSize);

        Assert.Equal("414", await RawStatus(address, $"GET /api/v1/clusters?x={new string('a', KestrelSetup.MaxRequestLineBytes)} HTTP/1.1\r\nHost: x\r\n\r\n"));
        Assert.Equal("431", await RawStatus(address, $"GET /api/v1/clusters HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', KestrelSetup.MaxHeadersBytes)}\r\n\r\n"));
        var manyHeaders = string.Concat(Enumerable.Range(0, KestrelSetup.MaxHeaderCount + 1).Select(i => $"X-H{i}: 1\r\n"));
        Assert.Equal("431", await RawStatus(address, $"GET /api/v1/clusters HTTP/1.1\r\nHost: x\r\n{manyHeaders}\r\n"));

        // The SQL console reads at most 2 MiB, whatever the query length setting. The body is
        // announced, not sent: Kestrel answers 413 and closes while a client that is still
        // writing 3 MiB would see a broken pipe instead of the answer.
        var announced = 3 * 1024 * 1024;
        var head = $"POST /api/v1/sql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {Support.Mirrors.ConsoleToken}\r\n" +
                   $"Content-Type: application/json\r\nContent-Length: {announced}\r\n\r\n" +
                   "{\"cluster\":\"alpha\",\"database\":\"global\",\"query\":\"SELECT '" + new string('a', 1024);
        var answer = await RawResponse(address, head);
        Assert.Equal("413", answer.Split("\r\n")[0].Split(' ')[1]);
        Assert.Contains("application/problem+json", answer);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        await app.StopAsync();
    }

    /// <summary>HttpClient refuses to send such requests itself; a socket does not.</summary>
    private static async Task<string> RawStatus(Uri address, string request) =>
        (await RawResponse(address, request)).Split("\r\n")[0].Split(' ')[1];

    private static async Task<string> RawResponse(Uri address, string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        // Read the headers, then the body Content-Length announces (Kestrel may keep the
        // connection open, so reading to the end would wait).
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!Complete(received.ToString()))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return received.ToString();
    }

    private static bool Complete(string received)
    {
        var end = received.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var length = received[..end].Split("\r\n")
            .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h["Content-Length:".Length..].Trim()))
            .FirstOrDefault();
        return received.Length - end - 4 >= length;
    }
}
