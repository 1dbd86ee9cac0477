using LxdScope.Agent.Content;
using LxdScope.Lxd.Content;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Sqlite;

namespace LxdScope.Agent.Sources;

/// <summary>
/// The global database's content for the SQL console, read through LXD's socket — only by the
/// one agent per cluster the collector has chosen, and at most once per <c>interval</c> (a
/// resend request from the collector is served at the next cycle). Every other agent leaves
/// LXD alone. When LXD cannot answer this cycle (the global source failed: daemon down or
/// quorum lost), the same content is rebuilt read-only from this member's raft files and
/// marked as such.
/// </summary>
/// <remarks>Runs after the first group of sources, so that it knows whether LXD answered.</remarks>
/// <remarks>Secrets are replaced by markers (<paramref name="redaction"/>) before the content is hashed and sent.</remarks>
internal sealed class GlobalContentSource(TimeSpan interval, ContentFeedback feedback, ContentRedaction redaction) : IAgentSource
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

        if (context.Global is not null)
        {
            var live = redaction.Apply(await SocketContentReader.ReadAsync(context.Client, ct), context.Directory);
            context.GlobalContent = tracker.Next(live, now, full);
            return;
        }

        using var rebuilt = RebuiltGlobal.Create(context.Directory.GlobalDirectory, null, ct);
        using var connection = ReadOnlySqlite.Open(rebuilt.Path, TimeSpan.FromSeconds(1));
        var snapshot = redaction.Apply(SqliteContentReader.Read(connection, asLxdApi: true), context.Directory);
        var member = context.MemberName;
        context.GlobalContent = tracker.Next(snapshot, now, full) with
        {
            Source = rebuilt.Result.AsOf + (string.IsNullOrEmpty(member) ? "" : $", on {member}"),
        };
    }
}
