using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

/// <summary>
/// One accepted report and its position in the shared feed, as stored (parsed only by collectors
/// that need it), with its cluster (null in rows stored before the feed named it).
/// </summary>
internal sealed record FeedReport(long Position, byte[] Json, DateTimeOffset ReceivedAt, string? Cluster = null)
{
    /// <exception cref="InvalidDataException">The stored JSON is not a report.</exception>
    public AgentReport Parse() => ReportJson.Parse(Json, $"Report {Position} of the feed");
}
