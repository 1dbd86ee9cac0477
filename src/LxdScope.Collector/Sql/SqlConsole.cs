using System.Diagnostics;
using System.Globalization;
using LxdScope.Collector.Audit;
using LxdScope.Collector.Mirrors;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using LxdScope.Lxd;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Sql;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace LxdScope.Collector.Sql;

/// <summary>
/// Runs operators' queries on the mirrored LXD databases: read-only (SQLite's authorizer and a
/// statement check), one statement, bounded in time, rows, bytes and concurrency. A query sees
/// exactly one snapshot per database and is told which one and how old it is. The store is read
/// asynchronously; the SQLite work itself runs on a thread of its own (<see cref="OffThePool"/>).
/// </summary>
internal sealed class SqlConsole : IDisposable
{
    private const int SqliteLimitLength = 0;
    private const int SqliteLimitSqlLength = 1;

    private readonly ICollectorStore store;
    private readonly MirrorCache cache;
    private readonly ClusterRegistry registry;
    private readonly IOptionsMonitor<CollectorOptions> options;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim running;

    private readonly Partition.ClusterOwnership ownership;

    public SqlConsole(ICollectorStore store, MirrorCache cache, ClusterRegistry registry, Partition.ClusterOwnership ownership, IOptionsMonitor<CollectorOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.cache = cache;
        this.registry = registry;
        this.ownership = ownership;
        this.options = options;
        this.time = time;
        running = new SemaphoreSlim(options.CurrentValue.Console.MaxConcurrentQueries);
    }

    private ConsoleOptions Settings => options.CurrentValue.Console;

    public void Dispose() => running.Dispose();

    /// <exception cref="ConsoleProblemException">Bad request, unknown cluster/member, no content, refused or failed query, too busy.</exception>
    public async Task<SqlQueryResult> QueryAsync(SqlQueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var database = CheckDatabase(request.Database, request.Member);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new ConsoleProblemException(400, "Empty query", "Send a query: one SELECT statement.");
        }

        if (request.Query.Length > Settings.MaxQueryLength)
        {
            throw new ConsoleProblemException(400, "Query too long", $"The query has {request.Query.Length} characters; the console accepts at most {Settings.MaxQueryLength}.");
        }

        using var slot = Enter();
        var clock = Stopwatch.StartNew();
        var deadline = clock.Elapsed + Settings.QueryTimeout;
        if (database == "global" || request.Member is not null)
        {
            var (result, snapshot) = await RunOneAsync(request.Cluster, database, request.Member ?? "", request.Query, request.AsOf, deadline, clock, null, cancellationToken);
            return new SqlQueryResult(request.Cluster, database, request.Member, result.Columns, result.Rows, result.Rows.Count, result.Truncated, clock.Elapsed.TotalMilliseconds, snapshot, null);
        }

        return await FanOutAsync(request, clock, deadline, cancellationToken);
    }

    public async Task<SchemaResult> SchemaAsync(string cluster, string database, string? member, CancellationToken cancellationToken = default)
    {
        database = CheckDatabase(database, member, allowFanOut: false);
        var state = await store.MirrorAsync(cluster, database, member ?? "", null, withRows: false, cancellationToken) ?? throw NoContent(cluster, database, member);
        return new SchemaResult(state.Tables.Select(t => new TableSchema(t.Name, t.Sql, t.Columns)).ToList(), state.Schema);
    }

    public async Task<IReadOnlyList<MirrorVersion>> VersionsAsync(string cluster, string database, string? member, CancellationToken cancellationToken = default)
    {
        database = CheckDatabase(database, member, allowFanOut: false);
        return (await store.MirrorVersionsAsync(cluster, database, member ?? "", 1000, cancellationToken)).Select(at => new MirrorVersion(at)).ToList();
    }

    /// <summary>The canned queries that fit the cluster's product and global schema version (the newest when unknown).</summary>
    public async Task<IReadOnlyList<CannedQuery>> CannedAsync(string cluster, CancellationToken cancellationToken = default)
    {
        int? version = null;
        try
        {
            var result = await QueryAsync(new SqlQueryRequest(cluster, "global", null, "SELECT COALESCE(MAX(version), 0) FROM schema"), cancellationToken);
            version = result.Rows is [[long v]] ? (int)v : null;
        }
        catch (ConsoleProblemException e) when (e.Status == 404)
        {
            // No global content yet: offer the queries for the current schema.
        }

        // Partitioned, a cluster another collector holds is known here by its holder's summary.
        var product = (registry.Status(cluster)?.Product ?? ownership.Summary(cluster)?.Product) == "incus" ? LxdProduct.Incus : LxdProduct.Lxd;
        return CannedQueries.For(version, product);
    }

    public async Task<DiffResult> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var database = CheckDatabase(request.Database, request.Member, allowFanOut: false);
        if (request.From >= request.To)
        {
            throw new ConsoleProblemException(400, "Bad time range", "'from' must be earlier than 'to'.");
        }

        using var slot = Enter();
        var member = request.Member ?? "";
        var before = await store.MirrorAsync(request.Cluster, database, member, request.From, withRows: true, cancellationToken) ?? throw NoContent(request.Cluster, database, request.Member);
        var after = await store.MirrorAsync(request.Cluster, database, member, request.To, withRows: true, cancellationToken) ?? throw NoContent(request.Cluster, database, request.Member);
        return new DiffResult(
            request.Cluster, database, request.Member,
            SnapshotInfo(before, request.From), SnapshotInfo(after, request.To),
            await OffThePool(() => MirrorDiff.Compare(before, after)));
    }

    private async Task<SqlQueryResult> FanOutAsync(SqlQueryRequest request, Stopwatch clock, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var members = (await store.MirrorsAsync(request.Cluster, cancellationToken)).Where(m => m.Database == "local").Select(m => m.Member).ToList();
        if (members.Count == 0)
        {
            throw NoContent(request.Cluster, "local", null);
        }

        IReadOnlyList<string>? columns = null;
        var rows = new List<IReadOnlyList<object?>>();
        var snapshots = new List<SqlSnapshotInfo>();
        var truncated = false;
        foreach (var member in members)
        {
            var (result, snapshot) = await RunOneAsync(request.Cluster, "local", member, request.Query, request.AsOf, deadline, clock, Settings.MaxRows - rows.Count, cancellationToken);
            snapshots.Add(snapshot);
            columns ??= result.Columns;
            if (!columns.SequenceEqual(result.Columns))
            {
                throw new ConsoleProblemException(400, "Members differ", $"On {member} the query returns columns ({string.Join(", ", result.Columns)}), elsewhere ({string.Join(", ", columns)}); their local schemas differ. Query one member at a time.");
            }

            rows.AddRange(result.Rows.Select(r => (IReadOnlyList<object?>)[member, .. r]));
            truncated |= result.Truncated;
            if (rows.Count >= Settings.MaxRows)
            {
                truncated |= member != members[^1];
                break;
            }
        }

        var oldest = snapshots.MinBy(s => s.At)!;
        return new SqlQueryResult(request.Cluster, "local", null, ["member", .. columns!], rows, rows.Count, truncated, clock.Elapsed.TotalMilliseconds, oldest, snapshots);
    }

    private async Task<(SqlResult Result, SqlSnapshotInfo Snapshot)> RunOneAsync(
        string cluster, string database, string member, string query, DateTimeOffset? asOf, TimeSpan deadline, Stopwatch clock, int? maxRows, CancellationToken cancellationToken)
    {
        using var lease = await cache.GetAsync(cluster, database, member, asOf, cancellationToken) ?? throw NoContent(cluster, database, member.Length == 0 ? null : member);
        if (lease.State.Tables.Count == 0)
        {
            var versions = await store.MirrorVersionsAsync(cluster, database, member, int.MaxValue, cancellationToken);
            var oldest = versions.Count == 0 ? default : versions[^1];
            throw new ConsoleProblemException(404, "No content at that time", asOf is null
                ? $"The {Describe(database, member)} of {cluster} has no tables."
                : $"The {Describe(database, member)} of {cluster} has no content as of {Iso(asOf.Value)}; the oldest kept is from {Iso(oldest)}.");
        }

        var remaining = deadline - clock.Elapsed;
        if (remaining <= TimeSpan.Zero)
        {
            throw new ConsoleProblemException(400, "Query stopped", $"The time limit of {Settings.QueryTimeout.TotalSeconds:0.###} s was used up before {member} was queried.", ConsoleOutcome.Error);
        }

        var snapshot = SnapshotInfo(lease.State, asOf);
        return (await OffThePool(() => Run(lease, query, new QueryLimits(remaining, maxRows ?? Settings.MaxRows, Settings.MaxResultBytes))), snapshot);
    }

    /// <summary>
    /// SQLite blocks its thread for the whole query. On a thread of its own (at most
    /// MaxConcurrentQueries of them run), a spinning query cannot starve the thread pool that
    /// serves ingest, health and metrics.
    /// </summary>
    private static Task<T> OffThePool<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private SqlResult Run(MirrorCache.Lease lease, string query, QueryLimits limits)
    {
        var readAt = lease.Database.State.ChangedAt;
        var connection = lease.Database.Rent(c => Prepare(c, readAt));
        try
        {
            // Limits can change with the configuration file; applying them costs nothing.
            raw.sqlite3_limit(connection.Handle, SqliteLimitLength, (int)Math.Min(int.MaxValue, Settings.MaxResultBytes));
            raw.sqlite3_limit(connection.Handle, SqliteLimitSqlLength, Settings.MaxQueryLength);
            return ReadOnlyQuery.Run(connection, query, limits);
        }
        catch (ReadOnlyViolationException e)
        {
            throw new ConsoleProblemException(400, "Query refused", e.Message);
        }
        catch (QueryFailedException e)
        {
            throw new ConsoleProblemException(400, e.Message.StartsWith("Query stopped", StringComparison.Ordinal) ? "Query stopped" : "Query failed", e.Message, ConsoleOutcome.Error);
        }
        finally
        {
            lease.Database.Return(connection);
        }
    }

    /// <summary>
    /// Once per connection, before the authorizer is set: sorts and temporary results stay in
    /// memory (never files), and snapshot_time() gives queries the moment the content was read
    /// (what "now" means for heartbeat ages in the past).
    /// </summary>
    private static void Prepare(SqliteConnection connection, DateTimeOffset readAt)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA temp_store = MEMORY";
            command.ExecuteNonQuery();
        }

        var text = readAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        connection.CreateFunction("snapshot_time", () => text, isDeterministic: true);
    }

    private SqlSnapshotInfo SnapshotInfo(MirrorState state, DateTimeOffset? asOf)
    {
        var now = time.GetUtcNow();
        var at = asOf is { } requested && requested < state.ConfirmedAt ? requested : state.ConfirmedAt;
        var age = now - state.ConfirmedAt;
        var stale = asOf is null && age > Settings.StaleAfter;
        string? note = null;
        if (state.Database == "global" && registry.Status(state.Cluster) is { Quorum: { Judged: true, HasQuorum: false } })
        {
            note = $"The cluster's database has lost its quorum: this is the last content seen, confirmed {Ago(age)} ago.";
        }
        else if (stale)
        {
            note = $"No agent has confirmed this content for {Ago(age)}: LXD may not be answering, or the agent is down.";
        }

        if (asOf is null && state.Source is { } source)
        {
            // LXD could not answer: the agent rebuilt the global database from its raft files.
            note = (note is null ? "" : note + " ") + $"Content rebuilt {source} because LXD could not answer.";
        }

        return new SqlSnapshotInfo(state.Member.Length == 0 ? null : state.Member, at, state.ChangedAt, Math.Max(0, (now - at).TotalSeconds), stale, note);
    }

    private Slot Enter()
    {
        if (!running.Wait(0))
        {
            throw new ConsoleProblemException(StatusCodes.Status429TooManyRequests, "Too many queries", $"{Settings.MaxConcurrentQueries} queries are running; try again when one has finished.");
        }

        return new Slot(running);
    }

    private static string CheckDatabase(string database, string? member, bool allowFanOut = true)
    {
        var d = database?.Trim().ToLowerInvariant();
        if (d is not ("global" or "local"))
        {
            throw new ConsoleProblemException(400, "Unknown database", "'database' must be \"global\" or \"local\".");
        }

        if (d == "global" && member is not null)
        {
            throw new ConsoleProblemException(400, "No member for global", "The global database is the cluster's; leave 'member' out.");
        }

        if (d == "local" && member is null && !allowFanOut)
        {
            throw new ConsoleProblemException(400, "Member needed", "Name the member whose local database you mean.");
        }

        return d;
    }

    private static ConsoleProblemException NoContent(string cluster, string database, string? member) =>
        new(404, "No content", $"No content of the {Describe(database, member ?? "")} of cluster \"{cluster}\" has reached the collector: is an agent running there with its {database}-content collector on?");

    private static string Describe(string database, string member) => member.Length == 0 ? $"{database} database" : $"local database of {member}";

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Ago(TimeSpan age) =>
        age.TotalMinutes < 2 ? $"{age.TotalSeconds:0} s" : age.TotalHours < 2 ? $"{age.TotalMinutes:0} min" : $"{age.TotalHours:0.#} h";

    private readonly struct Slot(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
