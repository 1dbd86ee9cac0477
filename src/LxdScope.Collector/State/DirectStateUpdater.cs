using LxdScope.Collector.Storage;
using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <summary>A store of one collector: ingest applies each accepted report to the state itself.</summary>
internal sealed class DirectStateUpdater(ICollectorStore store, IReportSink sink) : IStateUpdater
{
    public bool Follows => false;

    public int Restore()
    {
        var reports = store.LatestReports();
        sink.Restore(reports);
        return reports.Count;
    }

    public void Accepted(AgentReport report, DateTimeOffset receivedAt) => sink.Apply(report, receivedAt);

    public Task SettledAsync(AgentReport report, DateTimeOffset receivedAt, long feedPosition, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
