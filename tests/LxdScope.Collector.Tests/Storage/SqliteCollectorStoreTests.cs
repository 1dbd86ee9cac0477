using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using LxdScope.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LxdScope.Collector.Tests.Storage;

public sealed class SqliteCollectorStoreTests : CollectorStoreContractTests, IDisposable
{
    private readonly TempDirectory directory = new();

    private string DatabasePath => directory.File("state/collector.db");

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Open_creates_the_directory_and_a_versioned_schema_in_wal_mode()
    {
        using (var store = Open())
        {
            Assert.True(store.IsReady());
        }

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        Assert.Equal((long)SqliteCollectorStore.SchemaVersion, Scalar(connection, "PRAGMA user_version"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(3L, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('agents', 'reports', 'events')"));
    }

    [Fact]
    public void Full_disk_is_store_unavailable_and_nothing_is_half_written()
    {
        using var store = Open(1000, connection =>
        {
            using var command = connection.CreateCommand();
            // Room for the schema and a few rows: what a full disk looks like to SQLite.
            command.CommandText = "PRAGMA max_page_count = 12";
            command.ExecuteNonQuery();
        });
        var big = Reports.Valid() with { Member = new string('m', 3000) };
        var agents = 0;

        var failure = Assert.Throws<StoreUnavailableException>(() =>
        {
            for (; agents < 100; agents++)
            {
                Record(store, big with { AgentId = $"agent-{agents}" });
            }
        });

        Assert.Contains("full", failure.Message, StringComparison.Ordinal);
        Assert.InRange(agents, 1, 99);
        // The failed report left neither its log row nor its latest JSON.
        Assert.Equal(agents, store.LatestReports().Count);
        Assert.Empty(store.Sequences($"agent-{agents}", "epoch-1"));
        Assert.Equal([1L], store.Sequences($"agent-{agents - 1}", "epoch-1"));
        // Reads still answer, but a store that cannot take a report is not ready.
        Assert.False(store.IsReady());
    }

    [Fact]
    public void Removed_database_file_is_store_unavailable_and_not_ready()
    {
        using var store = Open();
        Record(store, Reports.Valid(sequence: 1));

        Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);

        Assert.False(store.IsReady());
        var failure = Assert.Throws<StoreUnavailableException>(() => Record(store, Reports.Valid(sequence: 2)));
        Assert.Contains("removed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_that_cannot_be_created_is_store_unavailable()
    {
        File.WriteAllText(directory.File("state"), "a file where the directory should be");

        var failure = Assert.Throws<StoreUnavailableException>(() => Open());

        Assert.Contains(DatabasePath, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_of_the_previous_schema_gains_the_console_audit_and_keeps_its_reports()
    {
        using (var store = Open())
        {
            Record(store, Reports.Valid(sequence: 7));
        }

        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            Scalar(connection, "DROP TABLE console_audit");
            Scalar(connection, "PRAGMA user_version = 3");
        }

        using var upgraded = Open();
        upgraded.RecordConsoleQuery(new(TestCollector.Start, "ops", LxdScope.Collector.Audit.ConsoleRequestKind.Query, "alpha", "global", null, "SELECT 1", null, 1, LxdScope.Collector.Audit.ConsoleOutcome.Ok, null));

        Assert.Equal([7L], upgraded.Sequences("agent-1", "epoch-1"));
        Assert.Single(upgraded.ConsoleQueries(null, 10));
    }

    [Fact]
    public void Newer_schema_is_refused()
    {
        Open().Dispose();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            Scalar(connection, "PRAGMA user_version = 99");
        }

        var failure = Assert.Throws<StoreUnavailableException>(() => Open());

        Assert.Contains("99", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        File.WriteAllText(DatabasePath, new string('x', 4096));

        var failure = Assert.Throws<StoreUnavailableException>(() => Open());

        Assert.Contains("corrupt", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_only_database_maps_to_store_unavailable()
    {
        Open().Dispose();
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO events (cluster, time, kind, message) VALUES ('a', 0, 'k', 'm')";

        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        var unavailable = SqliteFailures.ToUnavailable(error, DatabasePath, "record a report in");
        Assert.NotNull(unavailable);
        Assert.Contains("read-only", unavailable.Message, StringComparison.Ordinal);
        Assert.Null(SqliteFailures.ToUnavailable(new SqliteException("syntax", 1), DatabasePath, "x"));
    }

    private protected override SqliteCollectorStore Open(int retentionInterval = 1000) => Open(retentionInterval, null);

    private protected override int ApplyRetention(ICollectorStore store) => ((SqliteCollectorStore)store).ApplyRetention();

    private SqliteCollectorStore Open(int retentionInterval, Action<SqliteConnection>? configure) =>
        new(DatabasePath, TimeSpan.FromDays(7), Time, NullLogger.Instance, retentionInterval, configure);

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
