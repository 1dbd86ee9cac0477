using System.Diagnostics;
using LxdScope.Lxd.Raft;
using LxdScope.Lxd.Sqlite;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Local;

/// <summary>
/// Reads local.db. LXD writes it in rollback-journal mode, so a reader's SHARED lock blocks LXD's
/// commits for as long as it is held: everything is read in one transaction of a few small
/// SELECTs and the lock is released before any row is interpreted.
/// </summary>
public static class LocalDatabase
{
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromMilliseconds(500);

    /// <exception cref="LocalDatabaseException">Missing, unreadable or not an LXD local database.</exception>
    public static LocalSnapshot Read(string path, TimeSpan? busyTimeout = null)
    {
        try
        {
            using var connection = ReadOnlySqlite.Open(path, busyTimeout ?? DefaultBusyTimeout);
            return Read(connection);
        }
        catch (FileNotFoundException)
        {
            throw new LocalDatabaseException($"{path} does not exist.");
        }
        catch (SqliteException e)
        {
            throw new LocalDatabaseException($"{path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// An in-memory copy of local.db (tens of kilobytes), taken with SQLite's backup API under one
    /// brief SHARED lock, so that what an operator runs against it can never hold LXD up.
    /// </summary>
    public static SqliteConnection CopyToMemory(string path, TimeSpan? busyTimeout = null) => CopyToMemory(path, out _, busyTimeout);

    /// <inheritdoc cref="CopyToMemory(string, TimeSpan?)"/>
    /// <param name="bytesRead">Bytes read from local.db for the copy (every page).</param>
    public static SqliteConnection CopyToMemory(string path, out long bytesRead, TimeSpan? busyTimeout = null)
    {
        var copy = new SqliteConnection("Data Source=:memory:;Pooling=False");
        try
        {
            using var source = ReadOnlySqlite.Open(path, busyTimeout ?? DefaultBusyTimeout);
            copy.Open();
            source.BackupDatabase(copy);
            bytesRead = ReadOnlySqlite.BytesRead(source);
            return copy;
        }
        catch (FileNotFoundException)
        {
            copy.Dispose();
            throw new LocalDatabaseException($"{path} does not exist.");
        }
        catch (SqliteException e)
        {
            copy.Dispose();
            throw new LocalDatabaseException($"{path} cannot be read: {e.Message}", e);
        }
    }

    internal static LocalSnapshot Read(SqliteConnection connection)
    {
        List<object?[]> raftRows;
        List<(string Key, string Value)> config;
        List<string> raftColumns;
        long version;
        var held = Stopwatch.StartNew();
        using (var tx = connection.BeginTransaction(deferred: true))
        {
            version = Scalar(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM schema");
            raftColumns = Column(connection, tx, "SELECT name FROM pragma_table_info('raft_nodes')");
            if (raftColumns.Count == 0)
            {
                throw new LocalDatabaseException("local.db has no raft_nodes table: not an LXD local database of schema 37 or later.");
            }

            // Columns chosen by what exists: role arrived in local schema 39, name in 42.
            var role = raftColumns.Contains("role") ? "role" : "0";
            var name = raftColumns.Contains("name") ? "name" : "''";
            raftRows = Rows(connection, tx, $"SELECT id, address, {role}, {name} FROM raft_nodes ORDER BY id");
            config = Rows(connection, tx, "SELECT key, value FROM config")
                .Select(r => (Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    Convert.ToString(r[1], System.Globalization.CultureInfo.InvariantCulture) ?? ""))
                .ToList();
            tx.Commit();
        }

        held.Stop();
        var bytesRead = ReadOnlySqlite.BytesRead(connection);
        var nodes = raftRows.Select(r => new LocalRaftNode(
                Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToString(r[1], System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Role(Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture)),
                Convert.ToString(r[3], System.Globalization.CultureInfo.InvariantCulture) ?? ""))
            .ToList();
        var configMap = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config)
        {
            configMap[key] = value;
        }

        return new LocalSnapshot((int)version, nodes, configMap, held.Elapsed) { BytesRead = bytesRead };
    }

    private static RaftRole Role(long value) => value is >= 0 and <= 2
        ? RaftRoles.FromGoDqlite(value)
        : throw new LocalDatabaseException($"raft_nodes has role {value}; LXD writes only 0 (voter), 1 (stand-by) and 2 (spare).");

    private static long Scalar(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Column(SqliteConnection c, SqliteTransaction tx, string sql) =>
        Rows(c, tx, sql).Select(r => Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList();

    private static List<object?[]> Rows(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
