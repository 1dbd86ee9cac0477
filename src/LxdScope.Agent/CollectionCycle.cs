using System.Diagnostics;
using LxdScope.Agent.Sources;
using LxdScope.Contracts;
using LxdScope.Lxd;
using LxdScope.Lxd.Api;

namespace LxdScope.Agent;

/// <summary>
/// One collection: the first group of sources in parallel, then the second (which reads what
/// the first found), each on its own deadline. A source that throws or overruns is recorded
/// as failed with its error; the report goes out regardless.
/// </summary>
internal sealed class CollectionCycle(
    AgentIdentity identity,
    LxdDirectory directory,
    IReadOnlyList<IAgentSource> first,
    IReadOnlyList<IAgentSource> second,
    TimeSpan sourceTimeout,
    LxdCallBudget budget,
    TimeProvider clock)
{
    /// <summary>The sources that run, in order: the first group, then the second.</summary>
    public IEnumerable<string> SourceNames => first.Concat(second).Select(c => c.Name);

    public async Task<AgentReport> RunAsync(string epoch, long sequence, Func<TimeSpan, AgentSelfSection> self, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(self);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = clock.GetUtcNow();
        // A client per cycle: its counters and its budget are this cycle's.
        using var client = new LxdSocketClient(directory.SocketPath, sourceTimeout, budget);
        var context = new CollectionContext(directory, client, clock);
        var results = new List<CollectorResult>();
        results.AddRange(await Task.WhenAll(first.Select(c => RunOneAsync(c, context, ct))));
        results.AddRange(await Task.WhenAll(second.Select(c => RunOneAsync(c, context, ct))));

        var local = context.Local;
        var member = context.MemberName;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new AgentReport
        {
            AgentId = identity.AgentId,
            Cluster = identity.Cluster,
            Epoch = epoch,
            Sequence = sequence,
            StartedAt = started,
            CollectedAt = clock.GetUtcNow(),
            Member = member,
            Address = local?.ClusterAddress ?? context.Global?.Members.FirstOrDefault(m => m.Name == member)?.Address,
            Collectors = results,
            Local = local,
            Global = context.Global,
            Raft = context.Raft,
            Reachability = context.Reachability,
            Instances = context.Instances,
            Content = context.LocalContent is null && context.GlobalContent is null
                ? null
                : new DatabaseContentSection(context.LocalContent, context.GlobalContent),
            Fan = context.Fan,
            Self = self(cpu) with
            {
                LxdApiRequests = client.Requests,
                LxdApiResponseBytes = client.ResponseBytes,
                LxdFileBytes = context.FileBytesRead,
            },
        };
    }

    private async Task<CollectorResult> RunOneAsync(IAgentSource source, CollectionContext context, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(sourceTimeout);
        var clock = Stopwatch.StartNew();
        try
        {
            // On the pool, so that a source doing blocking file or database work cannot hold up
            // the others, and WaitAsync can give up on it.
            await Task.Run(() => source.CollectAsync(context, deadline.Token), deadline.Token).WaitAsync(sourceTimeout, ct);
            return new CollectorResult(source.Name, true, clock.Elapsed.TotalSeconds, null);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new CollectorResult(source.Name, false, clock.Elapsed.TotalSeconds, $"timed out after {sourceTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Isolation is the point: the failure is reported, never turned into empty data.
            return new CollectorResult(source.Name, false, clock.Elapsed.TotalSeconds, e.Message);
        }
    }
}
