using System.Collections.Concurrent;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;

namespace LxdScope.Collector.Tests.Support;

/// <summary>An <see cref="IReportSink"/> that remembers every call.</summary>
internal sealed class RecordingSink : IReportSink
{
    private readonly ConcurrentQueue<(AgentReport Report, DateTimeOffset ReceivedAt)> calls = new();

    public IReadOnlyList<(AgentReport Report, DateTimeOffset ReceivedAt)> Calls => calls.ToArray();

    public void Apply(AgentReport report, DateTimeOffset receivedAt) => calls.Enqueue((report, receivedAt));

    public void Restore(IReadOnlyList<StoredReport> latest)
    {
        foreach (var stored in latest)
        {
            calls.Enqueue((stored.Report, stored.ReceivedAt));
        }
    }

    public void Adopt(string cluster, IReadOnlyList<StoredReport> latest) => Restore(latest);

    public void Forget(string cluster)
    {
    }
}
