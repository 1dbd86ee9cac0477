using System.Diagnostics;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Sql;

namespace LxdScope.Lxd.Tests.Sql;

public sealed class ReadOnlyQueryTests
{
    private static readonly string LocalDb = SchemaFiles.LocalDbFile(
        "Local/Schemas/local-42.sql",
        "INSERT INTO schema (version, updated_at) VALUES (42, 1)",
        "INSERT INTO raft_nodes (id, address, role, name) VALUES (1, '127.0.0.1:8443', 0, 'node1'), (2, '127.0.0.2:8443', 0, 'node2')");

    [Fact]
    public void A_select_returns_columns_and_rows()
    {
        using var db = LocalDatabase.CopyToMemory(LocalDb);

        var result = ReadOnlyQuery.Run(db, "SELECT id, name FROM raft_nodes ORDER BY id", QueryLimits.Default);

        Assert.Equal(["id", "name"], result.Columns);
        Assert.Equal([[1L, "node1"], [2L, "node2"]], result.Rows.Select(r => r.ToArray()));
        Assert.False(result.Truncated);
    }

    [Theory]
    [InlineData("INSERT INTO raft_nodes (address) VALUES ('x')")]
    [InlineData("UPDATE raft_nodes SET name = 'x'")]
    [InlineData("DELETE FROM raft_nodes")]
    [InlineData("REPLACE INTO config (key, value) VALUES ('a', 'b')")]
    [InlineData("DROP TABLE raft_nodes")]
    [InlineData("CREATE TABLE t (x)")]
    [InlineData("CREATE TEMP TABLE t (x)")]
    [InlineData("CREATE INDEX i ON raft_nodes (name)")]
    [InlineData("ALTER TABLE raft_nodes ADD COLUMN x")]
    [InlineData("ATTACH DATABASE '/tmp/lxdscope-attack.db' AS a")]
    [InlineData("VACUUM INTO '/tmp/lxdscope-attack.db'")]
    [InlineData("VACUUM")]
    [InlineData("PRAGMA user_version = 7")]
    [InlineData("PRAGMA journal_mode = WAL")]
    [InlineData("PRAGMA writable_schema = ON")]
    [InlineData("BEGIN")]
    [InlineData("SELECT load_extension('/tmp/x.so')")]
    [InlineData("WITH x AS (SELECT 1) DELETE FROM raft_nodes")]
    [InlineData("SELECT 1; DELETE FROM raft_nodes")]
    [InlineData("SELECT 1; SELECT 2")]
    public void Anything_but_reading_is_refused_and_changes_nothing(string query)
    {
        using var db = LocalDatabase.CopyToMemory(LocalDb);

        Assert.Throws<ReadOnlyViolationException>(() => ReadOnlyQuery.Run(db, query, QueryLimits.Default));

        Assert.Equal(2L, ReadOnlyQuery.Run(db, "SELECT COUNT(*) FROM raft_nodes", QueryLimits.Default).Rows[0][0]);
        Assert.False(File.Exists("/tmp/lxdscope-attack.db"));
    }

    [Theory]
    [InlineData("PRAGMA table_info(raft_nodes)")]
    [InlineData("SELECT * FROM pragma_table_info('raft_nodes')")]
    [InlineData("SELECT 1; -- a trailing comment")]
    [InlineData("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT COUNT(*) FROM n")]
    public void Reading_forms_are_allowed(string query)
    {
        using var db = LocalDatabase.CopyToMemory(LocalDb);

        var result = ReadOnlyQuery.Run(db, query, QueryLimits.Default);

        Assert.NotEmpty(result.Rows);
    }

    [Fact]
    public void A_query_that_never_ends_is_interrupted_at_the_time_limit()
    {
        using var db = LocalDatabase.CopyToMemory(LocalDb);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<QueryFailedException>(() => ReadOnlyQuery.Run(
            db,
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n",
            new QueryLimits(TimeSpan.FromMilliseconds(200), 10)));

        Assert.Contains("time limit", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(2L, ReadOnlyQuery.Run(db, "SELECT COUNT(*) FROM raft_nodes", QueryLimits.Default).Rows[0][0]);
    }

    [Fact]
    public void Rows_beyond_the_cap_are_cut_and_flagged()
    {
        using var db = LocalDatabase.CopyToMemory(LocalDb);

        var result = ReadOnlyQuery.Run(
            db,
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT i FROM n",
            new QueryLimits(TimeSpan.FromSeconds(5), 10));

        Assert.Equal(10, result.Rows.Count);
        Assert.True(result.Truncated);
    }

    [Fact]
    public void A_syntax_error_is_SQLites_message()
    {
        using var db = LocalDatabase.CopyToMemory(LocalDb);

        var e = Assert.Throws<QueryFailedException>(() => ReadOnlyQuery.Run(db, "SELEC nothing", QueryLimits.Default));

        Assert.Contains("syntax error", e.Message, StringComparison.Ordinal);
    }
}
