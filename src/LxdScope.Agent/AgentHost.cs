using LxdScope.Agent.Sources;
using LxdScope.Agent.Push;
using LxdScope.Contracts;
using LxdScope.Lxd;
using Microsoft.Extensions.Logging;

namespace LxdScope.Agent;

/// <summary>
/// The long-running agent: a collection cycle at a fixed rate into the on-disk spool, and one
/// pusher draining the spool to the collector in order. Collection never waits for delivery, so
/// a collector outage costs nothing but spool space.
/// </summary>
public sealed class AgentHost(AgentOptions options, LxdDirectory directory, ILoggerFactory logs, TimeProvider clock)
{
    /// <summary>One cycle, with nothing spooled or sent: what <c>lxdscope agent --once</c> prints.</summary>
    public Task<AgentReport> CollectOnceAsync(CancellationToken ct) =>
        Cycle(new ContentFeedback()).RunAsync("once", 1, cpu => Self(cpu, 0, 0), ct);

    public async Task RunAsync(CancellationToken ct)
    {
        var log = logs.CreateLogger("lxdscope.agent");
        var spool = ReportSpool.Open(
            new SpoolOptions { Directory = options.SpoolDirectory, MaxReports = options.SpoolMaxReports, MaxBytes = options.SpoolMaxBytes },
            logs.CreateLogger("lxdscope.spool"));
        var push = new PushOptions { CollectorUrls = options.CollectorUrls, Token = options.Token!, FailbackAfter = options.FailbackAfter };
        if (push.Validate() is { Count: > 0 } problems)
        {
            throw new AgentConfigurationException(string.Join("; ", problems));
        }

        using var http = new HttpClient(CollectorHttpHandler.Create(options.CollectorCaFile, options.ClientCertificateFile, options.ClientKeyFile)) { Timeout = push.RequestTimeout + TimeSpan.FromSeconds(5) };
        var feedback = new ContentFeedback();
        var pusher = new ReportPusher(spool, http, push, logs.CreateLogger("lxdscope.push"), clock) { Answered = feedback.Observe };
        var cycle = Cycle(feedback);
        if (log.IsEnabled(LogLevel.Information))
        {
            log.LogInformation(
            "agent {AgentId} for cluster {Cluster}: {Lxd}, every {Interval}, to {Collector}, collectors {Collectors}",
            options.AgentId, options.Cluster, directory.Root, options.Interval, string.Join(", ", push.ReportsUrls), string.Join(",", cycle.SourceNames));
        }

        if (!options.RedactSecrets && log.IsEnabled(LogLevel.Warning))
        {
            log.LogWarning("secret redaction is OFF (Agent:Content:RedactSecrets=false): LXD's database content, secrets included, goes to the collector as it is");
        }
        else if (log.IsEnabled(LogLevel.Information))
        {
            log.LogInformation("secrets in database content are redacted before they leave the host ({Count} rules)", options.Redactions.Count);
        }

        var pushing = pusher.RunAsync(ct);
        try
        {
            using var timer = new PeriodicTimer(options.Interval, clock);
            do
            {
                // Numbered once collected: an agent killed during a collection leaves no gap.
                // Not cancelled by a stop: a cycle is bounded by the source timeout, and LXD logs
                // every request abandoned mid-answer as an error ("Failed writing error for HTTP
                // response ... broken pipe"). The agent stops between cycles.
                var report = await cycle.RunAsync(spool.Epoch, 0, cpu => Self(cpu, spool.Depth, spool.DroppedTotal), CancellationToken.None);
                spool.Add((epoch, sequence) => ReportEncoding.Gzip(report with { Epoch = epoch, Sequence = sequence }));
                foreach (var failed in report.Collectors.Where(c => !c.Success))
                {
                    if (log.IsEnabled(LogLevel.Warning))
                    {
                        log.LogWarning("collector {Collector} failed: {Error}", failed.Name, failed.Error);
                    }
                }

                if (pushing.IsCompleted)
                {
                    await pushing; // a pusher that stopped on its own has failed: surface it
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        try
        {
            await pushing;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private CollectionCycle Cycle(ContentFeedback feedback)
    {
        var (first, second) = SourceSet.Create(options, feedback);
        return new CollectionCycle(new AgentIdentity(options.AgentId, options.Cluster), directory, first, second, options.SourceTimeout, options.LxdBudget, clock);
    }

    private AgentSelfSection Self(TimeSpan cycleCpu, int spoolDepth, long dropped) => new(
        BuildInfo.Version, SelfMeasurement.RssBytes(), SelfMeasurement.CpuTotal().TotalSeconds, cycleCpu.TotalSeconds,
        spoolDepth, dropped, options.Interval.TotalSeconds);
}
