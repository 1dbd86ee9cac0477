using System.Text.Json;
using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

/// <summary>One accepted report and its position in the shared feed, as stored (parsed only by collectors that need it).</summary>
public sealed record FeedReport(long Position, byte[] Json, DateTimeOffset ReceivedAt)
{
    /// <exception cref="InvalidDataException">The stored JSON is not a report.</exception>
    public AgentReport Parse()
    {
        try
        {
            return JsonSerializer.Deserialize(Json, ContractJson.Default.AgentReport)
                ?? throw new InvalidDataException($"Report {Position} of the feed is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Report {Position} of the feed is not a valid report: {e.Message}", e);
        }
    }
}
