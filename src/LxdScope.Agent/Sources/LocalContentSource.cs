using LxdScope.Agent.Content;
using LxdScope.Lxd.Content;
using LxdScope.Lxd.Local;

namespace LxdScope.Agent.Sources;

/// <summary>
/// local.db's content for the SQL console. The file's header tells whether anything was
/// committed since the last read; only then is it copied (one short read lock, through SQLite's
/// backup API) and hashed. Unchanged, it costs a stat and 28 bytes per cycle, and the digest
/// alone goes out once per <c>interval</c> to say the collector's copy is still current.
/// </summary>
/// <remarks>Secrets are replaced by markers (<paramref name="redaction"/>) before the content is hashed and sent.</remarks>
internal sealed class LocalContentSource(TimeSpan interval, ContentFeedback feedback, ContentRedaction redaction) : IAgentSource
{
    private readonly ContentTracker tracker = new();
    private DatabaseFileStamp? stamp;

    public string Name => "local-content";

    public Task CollectAsync(CollectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Directory.LocalDatabasePath;
        var now = context.Clock.GetUtcNow();
        var full = feedback.TakeResend("local");
        var current = DatabaseFileStamp.Read(path);
        context.CountFileBytes(DatabaseFileStamp.HeaderBytes);
        if (!full && current == stamp)
        {
            if (tracker.LastSent is { } last && now - last < interval)
            {
                return Task.CompletedTask;
            }

            context.LocalContent = tracker.Unchanged(now);
            return Task.CompletedTask;
        }

        using var copy = LocalDatabase.CopyToMemory(path, out var copied);
        context.CountFileBytes(copied);
        var snapshot = redaction.Apply(SqliteContentReader.Read(copy), context.Directory);
        context.LocalContent = tracker.Next(snapshot, now, full);
        stamp = current;
        return Task.CompletedTask;
    }
}
