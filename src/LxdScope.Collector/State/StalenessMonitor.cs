using Microsoft.Extensions.Hosting;

namespace LxdScope.Collector.State;

/// <summary>Ticks the registry once a second: agents go silent and heartbeats age without any report arriving.</summary>
internal sealed class StalenessMonitor(ClusterRegistry registry, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                registry.Tick();
            }
            catch (Storage.StoreUnavailableException)
            {
                // Events could not be stored (the database is away): they wait, in order, and
                // the next tick stores them.
            }
        }
    }
}
