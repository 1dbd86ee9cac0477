using LxdScope.Agent.Push;
using LxdScope.Contracts;

namespace LxdScope.Agent.Tests.Push;

internal static class TestReports
{
    public static AgentReport Make(string epoch, long sequence) => new()
    {
        AgentId = "agent-1",
        Cluster = "test",
        Epoch = epoch,
        Sequence = sequence,
        StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(10 * sequence),
        CollectedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero).AddSeconds(10 * sequence),
        Member = "node1",
        Collectors = [new CollectorResult("local", true, 0.01, null)],
        Self = new AgentSelfSection("test", 1e6, 1, 0.01, 0, 0, 10),
    };

    /// <summary>Adds a report numbered by the spool, as the agent's loop does.</summary>
    public static long AppendNext(this ReportSpool spool) =>
        spool.Add((epoch, sequence) => ReportEncoding.Gzip(Make(epoch, sequence)));

    public static IReadOnlyList<long> AppendMany(this ReportSpool spool, int count) =>
        Enumerable.Range(0, count).Select(_ => spool.AppendNext()).ToList();
}
