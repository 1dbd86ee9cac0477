using System.IO.Compression;
using System.Text.Json;
using LxdScope.Contracts;

namespace LxdScope.Bench.IngestLoad;

/// <summary>The reports of one run: the base report of a 3-member cluster's agent, grown by instances to a size factor.</summary>
internal sealed class ReportFactory
{
    private readonly LoadOptions options;
    private readonly int instances;

    public ReportFactory(LoadOptions options)
    {
        this.options = options;
        var target = Json(Build(0, 1, 12)).Length * Math.Max(1, options.SizeFactor);
        instances = 12;
        while (Json(Build(0, 1, instances)).Length < target)
        {
            instances += 12;
        }

        var sample = Json(Build(0, 1, instances));
        ReportBytes = sample.Length;
        GzipBytes = Gzip(sample).Length;
    }

    public int ReportBytes { get; }

    public int GzipBytes { get; }

    public static string AgentId(int agent) => $"load-{agent:D4}";

    /// <summary>The gzip'd JSON of an agent's report with this sequence number.</summary>
    public byte[] Body(int agent, long sequence) => Gzip(Json(Build(agent, sequence, instances)));

    /// <summary>The cluster and token of an agent.</summary>
    public ClusterToken ClusterOf(int agent) => options.Clusters[agent / options.MembersPerCluster % options.Clusters.Count];

    private AgentReport Build(int agent, long sequence, int count) =>
        Fleet.Report(agent / options.MembersPerCluster, options.MembersPerCluster, agent % options.MembersPerCluster, sequence, DateTimeOffset.UtcNow, count) with
        {
            AgentId = AgentId(agent),
            Cluster = ClusterOf(agent).Cluster,
            Epoch = options.Epoch,
        };

    private static byte[] Json(AgentReport report) => JsonSerializer.SerializeToUtf8Bytes(report, ContractJson.Default.AgentReport);

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
