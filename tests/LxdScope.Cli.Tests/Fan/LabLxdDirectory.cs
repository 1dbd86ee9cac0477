using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LxdScope.Cli.Tests.Fan;

/// <summary>
/// The LXD directory of a fan lab host as its agent finds it with LXD down (no fan network can run on
/// this kernel): database/local.db from LXD's own DDL (schema 42), whose raft_nodes name the lab's
/// three hosts node1-3 at 192.168.0.X:8443 and whose cluster.https_address is host X's.
/// </summary>
internal static class LabLxdDirectory
{
    public static string Write(string dir, int host)
    {
        var database = Directory.CreateDirectory(Path.Combine(dir, "database")).FullName;
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(database, "local.db"), Pooling = false };
        using var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "local-42.sql"))
            + string.Create(CultureInfo.InvariantCulture, $"INSERT INTO config (key, value) VALUES ('cluster.https_address', '192.168.0.{host}:8443');")
            + "INSERT INTO raft_nodes (id, address, role, name) VALUES (1, '192.168.0.1:8443', 0, 'node1'), (2, '192.168.0.2:8443', 0, 'node2'), (3, '192.168.0.3:8443', 0, 'node3');";
        command.ExecuteNonQuery();
        return dir;
    }
}
