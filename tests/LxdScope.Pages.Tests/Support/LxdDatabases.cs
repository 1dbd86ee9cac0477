using LxdScope.Agent.Sources;
using LxdScope.Contracts;
using LxdScope.Lxd.Content;
using Microsoft.Data.Sqlite;

namespace LxdScope.Pages.Tests.Support;

/// <summary>
/// The scenario's LXD databases, built from LXD's real DDL (schema 60 global, 42 local) and turned
/// into report content by the agent's own encoding, so the SQL console has real tables to query.
/// </summary>
internal static class LxdDatabases
{
    public static DatabaseContent Global(DateTimeOffset at)
    {
        using var connection = Open("Schemas/global-60.sql");
        Execute(connection, $"""
            INSERT INTO schema (version, updated_at) VALUES (60, 1650000000);
            INSERT INTO config (key, value) VALUES ('cluster.offline_threshold', '20');
            INSERT INTO projects (id, name, description) VALUES (1, 'default', ''), (2, 'web', '');
            INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch) VALUES
                (1, 'node1', '', '127.0.0.1:8443', 60, 318, '{Stamp(at.AddSeconds(-3))}', 0, 2),
                (2, 'node2', '', '127.0.0.2:8443', 60, 318, '{Stamp(at.AddSeconds(-5))}', 0, 2),
                (3, 'node3', '', '127.0.0.3:8443', 60, 318, '{Stamp(at.AddSeconds(-8))}', 0, 2);
            INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES
                (1, 1, 'c-node1', 2, 0, '', 1), (2, 1, 'web1', 2, 0, '', 2), (3, 2, 'c-node2', 2, 0, '', 1), (4, 3, 'c-node3', 2, 0, '', 1);
            """);
        return new ContentTracker().Next(SqliteContentReader.Read(connection), at, full: true);
    }

    public static DatabaseContent Local(string member, DateTimeOffset at)
    {
        using var connection = Open("Schemas/local-42.sql");
        Execute(connection, $"INSERT INTO config (key, value) VALUES ('cluster.https_address', '{ClusterAddress(member)}')");
        foreach (var (name, i) in new[] { "node1", "node2", "node3" }.Select((n, i) => (n, i)))
        {
            Execute(connection, $"INSERT INTO raft_nodes (id, address, role, name) VALUES ({i + 1}, '{ClusterAddress(name)}', 0, '{name}')");
        }

        return new ContentTracker().Next(SqliteContentReader.Read(connection), at, full: true);
    }

    private static string ClusterAddress(string member) => $"127.0.0.{member[^1]}:8443";

    // As LXD writes heartbeats into the nodes table.
    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff00+00:00", System.Globalization.CultureInfo.InvariantCulture);

    private static SqliteConnection Open(string schema)
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        Execute(connection, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, schema)));
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
