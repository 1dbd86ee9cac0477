using System.IO.Compression;
using System.Text.Json;
using LxdScope.Contracts;

namespace LxdScope.Agent.Push;

/// <summary>The one way the agent turns a report into a request body: the contract's JSON, gzip'd.</summary>
internal static class ReportEncoding
{
    /// <summary>Gzip of the report's JSON (<see cref="ContractJson"/>), fastest compression: reports are small and frequent.</summary>
    public static byte[] Gzip(AgentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, report, ContractJson.Default.AgentReport);
        }

        return buffer.ToArray();
    }
}
