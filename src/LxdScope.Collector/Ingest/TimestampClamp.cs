using LxdScope.Contracts;

namespace LxdScope.Collector.Ingest;

/// <summary>Replaces absurd agent timestamps with the collector's time, so one bad clock cannot skew staleness or graphs.</summary>
internal static class TimestampClamp
{
    /// <summary>Older than this, a report's time is taken as a broken clock rather than a late delivery.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    /// <returns>The report, with both timestamps set to <paramref name="receivedAt"/> when either is out of range.</returns>
    public static (AgentReport Report, bool Clamped) Apply(AgentReport report, DateTimeOffset receivedAt, TimeSpan maxClockSkew)
    {
        if (InRange(report.StartedAt, receivedAt, maxClockSkew) && InRange(report.CollectedAt, receivedAt, maxClockSkew))
        {
            return (report, false);
        }

        return (report with { StartedAt = receivedAt, CollectedAt = receivedAt }, true);
    }

    private static bool InRange(DateTimeOffset time, DateTimeOffset now, TimeSpan maxClockSkew) =>
        time - now <= maxClockSkew && now - time <= MaxAge;
}
