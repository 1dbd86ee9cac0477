using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LxdScope.Lxd.Sqlite;

/// <summary>
/// Opens SQLite files that belong to LXD without ever being able to change them.
/// </summary>
public static class ReadOnlySqlite
{
    // Authorizer action codes, https://sqlite.org/c3ref/c_alter_table.html
    private const int SqlitePragma = 19;
    private const int SqliteRead = 20;
    private const int SqliteSelect = 21;
    private const int SqliteFunction = 31;
    private const int SqliteRecursive = 33;
    private const int SqliteOk = 0;
    private const int SqliteDeny = 1;

    // https://sqlite.org/c3ref/c_dbstatus_options.html
    private const int DbStatusCacheMiss = 8;

    /// <summary>PRAGMAs that only report. Anything else (and any PRAGMA with an argument) is refused.</summary>
    private static readonly HashSet<string> ReportingPragmas = new(StringComparer.OrdinalIgnoreCase)
    {
        "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "schema_version", "user_version", "page_count", "page_size", "freelist_count", "encoding",
        "journal_mode", "application_id", "compile_options", "collation_list", "function_list",
        "pragma_list", "table_list", "database_list",
    };

    static ReadOnlySqlite() => Batteries_V2.Init();

    /// <summary>
    /// A read-only, unpooled connection. A busy database (LXD committing) is retried for at most
    /// <paramref name="busyTimeout"/>: waiting costs LXD nothing because a waiting reader holds no lock.
    /// </summary>
    public static SqliteConnection Open(string path, TimeSpan busyTimeout)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist", path);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            // The console authorizer must not leak to other users of a pooled handle.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        raw.sqlite3_busy_timeout(connection.Handle, (int)busyTimeout.TotalMilliseconds);
        return connection;
    }

    /// <summary>
    /// Bytes this connection has read from its database file so far: pages that were not in its
    /// page cache, times the page size (SQLite reads whole pages).
    /// </summary>
    public static long BytesRead(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        raw.sqlite3_db_status(connection.Handle, DbStatusCacheMiss, out var misses, out _, 0);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return misses * Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Refuses at prepare time everything but reading: writes, ATTACH (and VACUUM INTO, which
    /// arrives as ATTACH), transactions, DDL, load_extension and PRAGMAs that set or act.
    /// </summary>
    public static void RestrictToReading(SqliteConnection connection)
    {
        raw.sqlite3_set_authorizer(connection.Handle, Authorize, null);
    }

    private static int Authorize(object userData, int action, utf8z p0, utf8z p1, utf8z database, utf8z trigger)
    {
        switch (action)
        {
            case SqliteSelect:
            case SqliteRead:
            case SqliteRecursive:
                return SqliteOk;
            case SqliteFunction:
                var function = p1.utf8_to_string();
                return string.Equals(function, "load_extension", StringComparison.OrdinalIgnoreCase)
                    ? SqliteDeny
                    : SqliteOk;
            case SqlitePragma:
                // p1 is the PRAGMA's argument: "PRAGMA user_version = 5" arrives with "5".
                var name = p0.utf8_to_string();
                var argument = p1.utf8_to_string();
                var readsOnly = ReportingPragmas.Contains(name)
                    && (argument is null || name.EndsWith("info", StringComparison.OrdinalIgnoreCase)
                        || name.EndsWith("list", StringComparison.OrdinalIgnoreCase));
                return readsOnly ? SqliteOk : SqliteDeny;
            default:
                return SqliteDeny;
        }
    }
}
