using System.IO.Compression;
using System.Text.Json;
using LxdScope.Contracts;

namespace LxdScope.Collector.Tests.Support;

/// <summary>Valid reports and their wire forms.</summary>
internal static class Reports
{
    public static AgentReport Valid(
        string agentId = "agent-1",
        string cluster = TestCollector.Cluster,
        string epoch = "epoch-1",
        long sequence = 1,
        DateTimeOffset? at = null)
    {
        var time = at ?? TestCollector.Start;
        return new AgentReport
        {
            AgentId = agentId,
            Cluster = cluster,
            Epoch = epoch,
            Sequence = sequence,
            StartedAt = time.AddSeconds(-1),
            CollectedAt = time,
            Member = "node1",
            Collectors = [new CollectorResult("local", true, 0.01, null)],
            Self = new AgentSelfSection("0.1.0", 20_000_000, 1.5, 0.01, 0, 0, 15) { LxdApiRequests = 11, LxdApiResponseBytes = 21_000, LxdFileBytes = 140_000 },
        };
    }

    public static byte[] Json(AgentReport report) => JsonSerializer.SerializeToUtf8Bytes(report, ContractJson.Default.AgentReport);

    public static byte[] Gzip(ReadOnlySpan<byte> bytes, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    public static byte[] Gzip(AgentReport report) => Gzip(Json(report));

    public static byte[] Gzip(string text) => Gzip(System.Text.Encoding.UTF8.GetBytes(text));
}
