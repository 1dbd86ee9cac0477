using System.Diagnostics;
using System.Net;
using LxdScope.Agent.Sources;
using LxdScope.Collector.Tests.Support;
using static LxdScope.Collector.Tests.Support.Mirrors;
using static LxdScope.Testing.LxdDatabases;

namespace LxdScope.Collector.Tests.Sql;

/// <summary>
/// Queries meant to write, escape, exhaust or hang the console: each is refused or stopped with
/// a clear problem, the mirror is unchanged afterwards, and the collector keeps answering.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class HostileSqlTests : IAsyncLifetime
{
    private TestCollector collector = null!;

    public static TheoryData<string, string> Hostile => new()
    {
        // Writes, in every form.
        { "INSERT INTO nodes (name, description, address, schema, api_extensions, arch) VALUES ('x', '', 'x', 1, 1, 1)", "Query refused" },
        { "UPDATE nodes SET name = 'pwned'", "Query refused" },
        { "DELETE FROM nodes", "Query refused" },
        { "REPLACE INTO config (id, key, value) VALUES (1, 'a', 'b')", "Query refused" },
        { "INSERT INTO config (key, value) SELECT key, value FROM config", "Query refused" },
        { "UPDATE config SET value = (SELECT 1) WHERE 1", "Query refused" },
        { "WITH x AS (SELECT 1) DELETE FROM nodes", "Query refused" },
        { "WITH x AS (SELECT 1) UPDATE nodes SET name = 'a'", "Query refused" },
        { "INSERT INTO config DEFAULT VALUES RETURNING *", "Query refused" },
        { "DROP TABLE nodes", "Query refused" },
        { "DROP INDEX IF EXISTS nosuch", "Query refused" },
        { "CREATE TABLE evil (x)", "Query refused" },
        { "CREATE TEMP TABLE evil AS SELECT * FROM nodes", "Query refused" },
        { "CREATE TEMP VIEW v AS SELECT 1", "Query refused" },
        { "CREATE INDEX evil ON nodes (name)", "Query refused" },
        { "CREATE TRIGGER t AFTER INSERT ON nodes BEGIN DELETE FROM nodes; END", "Query refused" },
        { "ALTER TABLE nodes RENAME TO gone", "Query refused" },
        { "ALTER TABLE nodes ADD COLUMN evil TEXT", "Query refused" },
        { "CREATE VIRTUAL TABLE v USING fts5(x)", "Query refused" },
        // Escapes to files and other databases.
        { "ATTACH DATABASE '/tmp/lxdscope-evil.db' AS evil", "Query refused" },
        { "ATTACH 'file::memory:' AS m", "Query refused" },
        { "DETACH DATABASE main", "Query refused" },
        { "VACUUM INTO '/tmp/lxdscope-evil-copy.db'", "Query refused" },
        { "VACUUM", "Query refused" },
        { "SELECT load_extension('/lib/x86_64-linux-gnu/libc.so.6')", "Query refused" },
        { "SELECT writefile('/tmp/lxdscope-evil.txt', 'x')", "Query failed" },
        { "SELECT readfile('/etc/shadow')", "Query failed" },
        // Transactions and PRAGMAs that set or act.
        { "BEGIN", "Query refused" },
        { "BEGIN IMMEDIATE", "Query refused" },
        { "COMMIT", "Query refused" },
        { "SAVEPOINT s", "Query refused" },
        { "PRAGMA writable_schema = 1", "Query refused" },
        { "PRAGMA journal_mode = OFF", "Query refused" },
        { "PRAGMA temp_store_directory = '/tmp'", "Query refused" },
        { "PRAGMA user_version = 5", "Query refused" },
        { "PRAGMA foreign_keys = ON", "Query refused" },
        { "PRAGMA query_only = 0", "Query refused" },
        { "PRAGMA wal_checkpoint", "Query refused" },
        { "PRAGMA integrity_check", "Query refused" },
        { "PRAGMA optimize", "Query refused" },
        { "ANALYZE", "Query refused" },
        { "REINDEX", "Query refused" },
        // More than one statement.
        { "SELECT 1; DELETE FROM nodes", "Query refused" },
        { "SELECT 1; SELECT 2", "Query refused" },
        { "SELECT 1 /* */ ; /* */ PRAGMA user_version = 1", "Query refused" },
        // Exhaustion: endless recursion, cartesian explosions, huge values.
        { "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r", "Query stopped" },
        { "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n FROM r) SELECT max(n) FROM r", "Query stopped" },
        { "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 1000) SELECT count(*) FROM r a, r b, r c", "Query stopped" },
        { "SELECT count(*) FROM nodes a, nodes b, nodes c, nodes d, nodes e, nodes f, nodes g, nodes h, nodes i, nodes j, nodes k, nodes l, nodes m, nodes n, nodes o, nodes p, nodes q, nodes r, nodes s, nodes t, nodes u, nodes v", "Query stopped" },
        { "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 100000000) SELECT * FROM r ORDER BY random()", "Query stopped" },
        { "SELECT zeroblob(1000000000)", "Query failed" },
        { "SELECT randomblob(2000000000)", "Query failed" },
        { "SELECT printf('%.*c', 1000000000, 'x')", "Query failed" },
        { "WITH RECURSIVE r(s) AS (SELECT 'x' UNION ALL SELECT s || s FROM r) SELECT length(s) FROM r", "Query failed" },
        { "SELECT replace(hex(zeroblob(100000000)), '0', '00')", "Query failed" },
        // Nonsense.
        { "", "Empty query" },
        { "SELEC * FROM nodes", "Query failed" },
        { "SELECT * FROM sqlite_master WHERE", "Query failed" },
    };

    public async Task InitializeAsync()
    {
        collector = await TestCollector.StartAsync(extraSettings: ConsoleSettings(""", "QueryTimeout": "00:00:00.300", "MaxResultBytes": 1048576"""));
        using var global = Global();
        var report = Report("agent-1", "node1", 1, TestCollector.Start, null, Content(global, new ContentTracker(), TestCollector.Start));
        await Responses.AssertOk(await collector.PostAsync(report));
    }

    public async Task DisposeAsync() => await collector.DisposeAsync();

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_query_is_refused_or_stopped_and_changes_nothing(string query, string expectedTitle)
    {
        var clock = Stopwatch.StartNew();
        var (status, title, detail) = await Problem(await Query(collector, Request(query)));

        Assert.Equal((400, expectedTitle), (status, title));
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(["3|node1"], Rows(await Json(await Query(collector, Request("SELECT count(*), min(name) FROM nodes")))));
        Assert.False(File.Exists("/tmp/lxdscope-evil.db") || File.Exists("/tmp/lxdscope-evil-copy.db") || File.Exists("/tmp/lxdscope-evil.txt"));
    }

    [Fact]
    public void The_suite_has_at_least_forty_hostile_queries() => Assert.True(Hostile.Count >= 40, $"{Hostile.Count}");

    [Fact]
    public async Task Collector_stays_responsive_while_queries_spin_and_refuses_more_than_its_limit()
    {
        // Queries that spin for 3 s each: the collector must answer long before they stop.
        await using var slow = await TestCollector.StartAsync(extraSettings: ConsoleSettings(""", "QueryTimeout": "00:00:03" """));
        using (var global = Global())
        {
            await Responses.AssertOk(await slow.PostAsync(Report("agent-1", "node1", 1, TestCollector.Start, null, Content(global, new ContentTracker(), TestCollector.Start))));
        }

        const string spin = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r";
        var spinning = Enumerable.Range(0, 4).Select(_ => Query(slow, Request(spin))).ToList();
        await Task.Delay(200);

        var clock = Stopwatch.StartNew();
        var health = await slow.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var clusters = await slow.Client.GetAsync(new Uri("/api/v1/clusters", UriKind.Relative));
        var fifth = await Query(slow, Request("SELECT 1"));
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clusters.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(1.5), $"the collector took {elapsed} to answer beside 4 spinning queries");
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        foreach (var response in await Task.WhenAll(spinning))
        {
            Assert.Equal((400, "Query stopped"), ((int)response.StatusCode, (await Problem(response)).Title));
        }

        Assert.Equal(HttpStatusCode.OK, (await Query(slow, Request("SELECT 1"))).StatusCode);
    }

    [Fact]
    public async Task Rows_and_bytes_past_the_caps_are_cut_and_flagged()
    {
        var rows = await Json(await Query(collector, Request("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 5000) SELECT n FROM r")));
        var bytes = await Json(await Query(collector, Request("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 500) SELECT n, printf('%.*c', 10000, 'x') FROM r")));

        Assert.Equal(1000, rows.GetProperty("row_count").GetInt32());
        Assert.True(rows.GetProperty("truncated").GetBoolean());
        Assert.True(bytes.GetProperty("truncated").GetBoolean());
        Assert.InRange(bytes.GetProperty("row_count").GetInt32(), 90, 110);
    }

    [Fact]
    public async Task Whole_suite_five_times_over_leaves_the_collector_healthy_and_its_memory_bounded()
    {
        await Query(collector, Request("SELECT 1"));
        var heapBefore = Heap();
        var slowest = TimeSpan.Zero;
        for (var round = 0; round < 5; round++)
        {
            foreach (var row in Hostile)
            {
                var clock = Stopwatch.StartNew();
                var status = (await Problem(await Query(collector, Request((string)row[0])))).Status;
                slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                Assert.Equal(400, status);
            }
        }

        var grown = Heap() - heapBefore;
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"slowest {slowest}");
        Assert.True(grown < 64L * 1024 * 1024, $"managed heap grew by {grown / 1024} KiB over {5 * Hostile.Count} hostile queries");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await collector.Client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await collector.PostAsync(Reports.Valid(sequence: 2))).StatusCode);
        Assert.Equal(["3|node1"], Rows(await Json(await Query(collector, Request("SELECT count(*), min(name) FROM nodes")))));
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public async Task Oversized_request_body_is_refused()
    {
        var query = "SELECT '" + new string('x', 3 * 1024 * 1024) + "'";

        var (status, title, _) = await Problem(await Query(collector, Request(query)));

        Assert.True(status is 400 or 413, $"{status} {title}");
    }

    private static Dictionary<string, object?> Request(string query) => new()
    {
        ["cluster"] = TestCollector.Cluster,
        ["database"] = "global",
        ["member"] = null,
        ["query"] = query,
    };
}
