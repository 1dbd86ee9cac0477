using LxdScope.Lxd.Content;

namespace LxdScope.Agent.Collectors;

/// <summary>
/// The global database's content for the SQL console, read through LXD's socket — only by the
/// one agent per cluster the collector has chosen, and at most once per <c>interval</c> (a
/// resend request from the collector is served at the next cycle). Every other agent leaves
/// LXD alone.
/// </summary>
public sealed class GlobalContentCollector(TimeSpan interval, ContentFeedback feedback) : IAgentCollector
{
    private readonly ContentTracker tracker = new();

    public string Name => "global-content";

    public async Task CollectAsync(CollectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!feedback.SendGlobal)
        {
            return;
        }

        var now = context.Clock.GetUtcNow();
        var full = feedback.TakeResend("global");
        if (!full && tracker.LastSent is { } last && now - last < interval)
        {
            return;
        }

        var snapshot = await SocketContentReader.ReadAsync(context.Client, ct);
        context.GlobalContent = tracker.Next(snapshot, now, full);
    }
}
