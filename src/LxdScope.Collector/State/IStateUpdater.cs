using LxdScope.Contracts;
using Microsoft.Extensions.Hosting;

namespace LxdScope.Collector.State;

/// <summary>
/// How a stored report reaches the cluster state (<see cref="IReportSink"/>): straight from ingest
/// with a store of one collector (<see cref="DirectStateUpdater"/>), or through the shared store's
/// feed, in the order every collector applies it (<see cref="FeedStateUpdater"/>).
/// </summary>
internal interface IStateUpdater : IHostedService
{
    /// <summary>True when reports reach the state through the feed rather than straight from ingest.</summary>
    bool Follows { get; }

    /// <summary>Restores the sink from the store: called once, before the server listens.</summary>
    /// <returns>The number of agents restored.</returns>
    int Restore();

    /// <summary>The store accepted the report: called at once, in the agent's order.</summary>
    void Accepted(AgentReport report, DateTimeOffset receivedAt);

    /// <summary>
    /// Returns once the accepted report is in this collector's state (or after a short wait when it
    /// comes later), so that "pushed, then read the API" is consistent.
    /// </summary>
    /// <param name="feedPosition">Where the store put it in a shared feed (<see cref="Storage.RecordResult.FeedPosition"/>).</param>
    Task SettledAsync(AgentReport report, DateTimeOffset receivedAt, long feedPosition, CancellationToken cancellationToken);
}
