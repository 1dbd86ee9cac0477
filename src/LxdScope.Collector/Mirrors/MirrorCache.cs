using LxdScope.Collector.Storage;

namespace LxdScope.Collector.Mirrors;

/// <summary>
/// The few most recently used rebuilt mirrors, by content: a console session runs many queries on
/// the same version, and rebuilding a 100,000-row table for each would dominate their cost.
/// </summary>
internal sealed class MirrorCache(ICollectorStore store) : IDisposable
{
    public const int Capacity = 8;

    private readonly Lock gate = new();
    private readonly LinkedList<Entry> entries = new();
    private readonly Dictionary<(string, string, string), (long Generation, MirrorState Head)> latest = [];

    /// <summary>The mirror as of <paramref name="asOf"/> (null: latest), rebuilt or from the cache; null when never mirrored.</summary>
    /// <returns>A lease: dispose it when the query is done (an evicted copy is freed after its last lease).</returns>
    public async Task<Lease?> GetAsync(string cluster, string database, string member, DateTimeOffset? asOf, CancellationToken cancellationToken = default)
    {
        var head = asOf is null
            ? await LatestAsync(cluster, database, member, cancellationToken)
            : await store.MirrorAsync(cluster, database, member, asOf, withRows: false, cancellationToken);
        if (head is null)
        {
            return null;
        }

        lock (gate)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Database.State.Key == head.Key)
                {
                    entries.Remove(node);
                    entries.AddFirst(node);
                    return node.Value.Rent(head);
                }
            }
        }

        // Built outside the lock: other queries go on while a large mirror loads.
        var full = await store.MirrorAsync(cluster, database, member, asOf, withRows: true, cancellationToken) ?? head;
        var entry = new Entry(MirrorDatabase.Build(full));
        lock (gate)
        {
            entries.AddFirst(entry);
            while (entries.Count > Capacity)
            {
                var last = entries.Last!.Value;
                entries.RemoveLast();
                last.Evict();
            }

            return entry.Rent(head);
        }
    }

    /// <summary>
    /// The latest content's description, read from the store only when a report has touched it
    /// since: most queries then skip the store (and its lock, which ingest holds while it writes).
    /// </summary>
    private async Task<MirrorState?> LatestAsync(string cluster, string database, string member, CancellationToken cancellationToken)
    {
        var key = (cluster, database, member);
        var generation = await store.MirrorGenerationAsync(cluster, database, member, cancellationToken);
        lock (gate)
        {
            if (generation != 0 && latest.TryGetValue(key, out var known) && known.Generation == generation)
            {
                return known.Head;
            }
        }

        var head = await store.MirrorAsync(cluster, database, member, null, withRows: false, cancellationToken);
        if (head is not null && generation != 0)
        {
            lock (gate)
            {
                latest[key] = (generation, head);
            }
        }

        return head;
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var entry in entries)
            {
                entry.Evict();
            }

            entries.Clear();
        }
    }

    /// <summary>A rented copy; <see cref="State"/> carries the current confirmation time, not the build's.</summary>
    public sealed class Lease(Entry entry, MirrorState state) : IDisposable
    {
        public MirrorDatabase Database => entry.Database;

        public MirrorState State { get; } = state;

        public void Dispose() => entry.Return();
    }

    public sealed class Entry(MirrorDatabase database)
    {
        private int leases;
        private bool evicted;

        public MirrorDatabase Database { get; } = database;

        internal Lease Rent(MirrorState state)
        {
            Interlocked.Increment(ref leases);
            return new Lease(this, state);
        }

        internal void Return()
        {
            if (Interlocked.Decrement(ref leases) == 0 && Volatile.Read(ref evicted))
            {
                Database.Dispose();
            }
        }

        internal void Evict()
        {
            Volatile.Write(ref evicted, true);
            if (Volatile.Read(ref leases) == 0)
            {
                Database.Dispose();
            }
        }
    }
}
