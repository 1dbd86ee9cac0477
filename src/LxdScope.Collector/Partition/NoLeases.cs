using Microsoft.Extensions.Hosting;

namespace LxdScope.Collector.Partition;

/// <summary>Stands where the <see cref="LeaseKeeper"/> would when the clusters are not partitioned: every collector holds them all.</summary>
internal sealed class NoLeases : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
