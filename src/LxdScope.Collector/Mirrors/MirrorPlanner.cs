using System.Text.Json;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;

namespace LxdScope.Collector.Mirrors;

/// <summary>
/// The mirror versioning, for every store: a table gets a new version only when its hash
/// changes, so unchanged content is never stored twice; a table no longer sent gets a version
/// that marks it gone; the content is confirmed only when the mirror then holds exactly what the
/// agent read, otherwise the agent is asked for it in full.
/// </summary>
internal static class MirrorPlanner
{
    public static MirrorPlan Plan(MirrorHead current, DatabaseContent content, string agentId, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(content);

        // The agent's clock may run ahead; a version must never claim a time the collector has not reached.
        var at = Math.Min(content.ReadAt.ToUnixTimeMilliseconds(), receivedAt.ToUnixTimeMilliseconds());
        if (content.Tables is null)
        {
            // Unchanged since the agent's last report: the digest alone says so, if the mirror has that content.
            return current.Digest == content.Digest
                ? new MirrorPlan([], new MirrorConfirmation(content.Digest, null, at, agentId, content.Source))
                : new MirrorPlan([], null);
        }

        var writes = new List<TableVersion>();
        var matches = true;
        foreach (var table in content.Tables)
        {
            current.Tables.TryGetValue(table.Name, out var known);
            if (known.Hash == table.Hash)
            {
                continue;
            }

            if (table.Rows is not { ValueKind: JsonValueKind.Array } rows || table.Sql is null || table.Columns is null)
            {
                // Sent by hash, but the mirror holds other content: a report with the change was lost.
                matches = false;
                continue;
            }

            // Versions of one table are strictly ordered even when two reports carry the same time.
            writes.Add(new TableVersion(table.Name, Math.Max(at, known.ValidFrom + 1), table.Hash, table.Sql, table.Columns, MirrorRows.Gzip(rows)));
        }

        var names = content.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, (hash, validFrom)) in current.Tables)
        {
            if (!names.Contains(name) && hash.Length > 0)
            {
                writes.Add(new TableVersion(name, Math.Max(at, validFrom + 1), "", null, null, null));
            }
        }

        return new MirrorPlan(writes, matches ? new MirrorConfirmation(content.Digest, content.Schema ?? [], at, agentId, content.Source) : null);
    }
}
