using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LxdScope.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LxdScope.Agent.Tests.Push;

/// <summary>
/// The collector's ingest endpoint on 127.0.0.1, over real HTTP: decodes each report, answers as
/// <see cref="Answer"/> says, and for a 200 counts the report once per (epoch, sequence) the way the
/// real collector does (at or below the last one seen is a duplicate).
/// </summary>
internal sealed class FakeCollector : IAsyncDisposable
{
    public const string Token = "s3cret-token";

    private WebApplication? _app;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly ConcurrentQueue<long> _stored = new();
    private readonly Dictionary<string, long> _lastSequence = [];

    public Uri Url { get; private set; } = null!;

    /// <summary>Decides each answer; by default stores.</summary>
    public Func<AgentReport, FakeAnswer> Answer { get; set; } = _ => FakeAnswer.Store;

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>Sequences counted (answered 200 and not duplicates), in arrival order.</summary>
    public IReadOnlyList<long> Stored => [.. _stored];

    /// <summary>A port nothing listens on (yet): connecting to it is refused.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static Uri UrlFor(int port) => new($"http://127.0.0.1:{port}/");

    public static async Task<FakeCollector> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var collector = new FakeCollector { _app = app };
        app.MapPost("/api/v1/reports", collector.HandleAsync);
        await app.StartAsync();
        collector.Url = new Uri(app.Urls.Single() + "/");
        return collector;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var header = new FakeRequest(
            request.Headers.Authorization.ToString(),
            request.ContentType,
            request.Headers.ContentEncoding.ToString(),
            null);
        AgentReport report;
        using (var gzip = new GZipStream(request.Body, CompressionMode.Decompress))
        {
            report = (await JsonSerializer.DeserializeAsync(gzip, ContractJson.Default.AgentReport))!;
        }

        _requests.Enqueue(header with { Report = report });
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        var answer = header.Authorization == $"Bearer {Token}" ? Answer(report) : new FakeAnswer(401, "Unknown token.");
        context.Response.StatusCode = answer.Status;
        if (answer.Status != 200)
        {
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(
                JsonSerializer.Serialize(new Dictionary<string, object> { ["status"] = answer.Status, ["detail"] = answer.Detail ?? "" }));
            return;
        }

        bool duplicate;
        lock (_lastSequence)
        {
            duplicate = _lastSequence.TryGetValue(report.Epoch, out var last) && report.Sequence <= last;
            if (!duplicate)
            {
                _lastSequence[report.Epoch] = report.Sequence;
                _stored.Enqueue(report.Sequence);
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(
            new IngestResponse(report.AgentId, report.Sequence, duplicate, false), ContractJson.Default.IngestResponse));
    }

    public async ValueTask DisposeAsync()
    {
        await _app!.StopAsync();
        await _app.DisposeAsync();
    }
}
