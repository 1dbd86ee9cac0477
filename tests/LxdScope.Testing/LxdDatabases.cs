using System.Globalization;
using LxdScope.Agent.Sources;
using LxdScope.Contracts;
using LxdScope.Lxd.Content;
using Microsoft.Data.Sqlite;

namespace LxdScope.Testing;

/// <summary>
/// LXD databases built from LXD's real DDL (global schema 60, local schema 42), in memory or as an
/// LXD directory's database/local.db, and turned into report content by the agent's own encoding.
/// </summary>
public static class LxdDatabases
{
    /// <summary>
    /// A global database of members node1, node2, … at 127.0.0.N:8443, one a heartbeat, in the
    /// projects default and web, with a 20 s offline threshold; then <paramref name="statements"/>.
    /// </summary>
    public static SqliteConnection Global(int apiExtensions, IReadOnlyList<DateTimeOffset> heartbeats, params string[] statements)
    {
        var nodes = heartbeats.Select((heartbeat, i) => string.Create(
            CultureInfo.InvariantCulture, $"({i + 1}, 'node{i + 1}', '', '127.0.0.{i + 1}:8443', 60, {apiExtensions}, '{Heartbeat(heartbeat)}', 0, 2)"));
        return InMemory([
            Schema("global-60.sql"),
            $"""
            INSERT INTO schema (version, updated_at) VALUES (60, 1650000000);
            INSERT INTO config (key, value) VALUES ('cluster.offline_threshold', '20');
            INSERT INTO projects (id, name, description) VALUES (1, 'default', ''), (2, 'web', '');
            INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch) VALUES
                {string.Join(",\n    ", nodes)};
            """,
            .. statements,
        ]);
    }

    /// <summary>
    /// A member's local database: its cluster.https_address, and raft_nodes named node1, node2, …
    /// at <paramref name="raftAddresses"/>, the first three voters and the rest stand-by.
    /// </summary>
    public static SqliteConnection Local(string address, params string[] raftAddresses) =>
        InMemory([Schema("local-42.sql"), .. LocalRows(address, raftAddresses)]);

    /// <summary>The database of <see cref="Local"/> written as <paramref name="lxdDir"/>/database/local.db; returns <paramref name="lxdDir"/>.</summary>
    public static string WriteLocal(string lxdDir, string address, params string[] raftAddresses)
    {
        var database = Directory.CreateDirectory(Path.Combine(lxdDir, "database")).FullName;
        ExecuteOnFile(Path.Combine(database, "local.db"), [Schema("local-42.sql"), .. LocalRows(address, raftAddresses)]);
        return lxdDir;
    }

    /// <summary>Runs <paramref name="statements"/> on the database file at <paramref name="path"/>, made when missing, and closes it.</summary>
    public static void ExecuteOnFile(string path, params string[] statements)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        using var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        foreach (var sql in statements)
        {
            Execute(connection, sql);
        }
    }

    /// <summary>A private in-memory database with <paramref name="statements"/> run on it (DDL, rows or a whole .dump).</summary>
    public static SqliteConnection InMemory(params string[] statements)
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        foreach (var sql in statements)
        {
            Execute(connection, sql);
        }

        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The database as the agent's content encoding sends it next, after what <paramref name="tracker"/> has sent.</summary>
    public static DatabaseContent Content(SqliteConnection connection, ContentTracker tracker, DateTimeOffset at, bool full = false) =>
        tracker.Next(SqliteContentReader.Read(connection), at, full);

    /// <summary>A time as LXD writes heartbeats into the nodes table.</summary>
    public static string Heartbeat(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff00+00:00", CultureInfo.InvariantCulture);

    private static string Schema(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", file));

    private static IEnumerable<string> LocalRows(string address, string[] raftAddresses) =>
        raftAddresses.Select((raft, i) => string.Create(
            CultureInfo.InvariantCulture, $"INSERT INTO raft_nodes (id, address, role, name) VALUES ({i + 1}, '{raft}', {(i < 3 ? 0 : 1)}, 'node{i + 1}')"))
        .Prepend($"INSERT INTO config (key, value) VALUES ('cluster.https_address', '{address}')");
}
