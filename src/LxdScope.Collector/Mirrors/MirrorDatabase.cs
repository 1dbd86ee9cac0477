using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using LxdScope.Collector.Storage;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Mirrors;

/// <summary>
/// One mirrored database version rebuilt as a shared in-memory SQLite database. The builder's
/// connection keeps it alive; every query opens its own connection to it, so queries run side
/// by side and one can be interrupted without touching the others.
/// </summary>
internal sealed class MirrorDatabase : IDisposable
{
    private readonly SqliteConnection keeper;
    private readonly string connectionString;
    private readonly ConcurrentBag<SqliteConnection> idle = [];
    private bool disposed;

    private MirrorDatabase(MirrorState state, SqliteConnection keeper, string connectionString, IReadOnlyList<string> warnings)
    {
        State = state;
        this.keeper = keeper;
        this.connectionString = connectionString;
        Warnings = warnings;
    }

    public MirrorState State { get; }

    /// <summary>Schema statements that could not be recreated (the data is complete without them).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <param name="state">With rows loaded.</param>
    public static MirrorDatabase Build(MirrorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = "lxdscope-mirror-" + Guid.NewGuid().ToString("N"),
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            Pooling = false,
            // A copy, not a database with integrity to keep: rows go in as LXD had them.
            ForeignKeys = false,
        }.ToString();
        var keeper = new SqliteConnection(connectionString);
        keeper.Open();
        var warnings = new List<string>();
        try
        {
            using var transaction = keeper.BeginTransaction();
            foreach (var table in state.Tables)
            {
                Execute(keeper, transaction, table.Sql);
            }

            foreach (var table in state.Tables)
            {
                Load(keeper, transaction, table);
            }

            foreach (var statement in state.Schema)
            {
                try
                {
                    Execute(keeper, transaction, statement);
                }
                catch (SqliteException e)
                {
                    warnings.Add($"{statement}: {e.Message}");
                }
            }

            transaction.Commit();
            return new MirrorDatabase(state, keeper, connectionString, warnings);
        }
        catch
        {
            keeper.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A connection to the copy for one query, reused from earlier queries when one is idle: a new
    /// connection parses the whole schema again, which cost more than a small query itself.
    /// </summary>
    /// <param name="prepare">Runs once on a new connection (limits, functions), before it is handed out.</param>
    public SqliteConnection Rent(Action<SqliteConnection> prepare)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        if (idle.TryTake(out var reused))
        {
            return reused;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            prepare(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Gives a rented connection back; after <see cref="Dispose"/> it is closed instead.</summary>
    public void Return(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        idle.Add(connection);
        if (Volatile.Read(ref disposed))
        {
            DisposeIdle();
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        DisposeIdle();
        keeper.Dispose();
    }

    private void DisposeIdle()
    {
        while (idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Load(SqliteConnection connection, SqliteTransaction transaction, MirrorTable table)
    {
        if (table.Rows is null || table.Columns.Count == 0)
        {
            return;
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var names = string.Join(", ", table.Columns.Select(Quote));
        var values = string.Join(", ", table.Columns.Select((_, i) => "$" + i.ToString(CultureInfo.InvariantCulture)));
        insert.CommandText = $"INSERT INTO {Quote(table.Name)} ({names}) VALUES ({values})";
        var parameters = table.Columns.Select((_, i) => insert.Parameters.Add("$" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
        insert.Prepare();

        using var document = JsonDocument.Parse(table.Rows);
        foreach (var row in document.RootElement.EnumerateArray())
        {
            var i = 0;
            foreach (var value in row.EnumerateArray())
            {
                if (i >= parameters.Length)
                {
                    throw new InvalidDataException($"A row of {table.Name} has more values than its {parameters.Length} columns.");
                }

                var parameter = parameters[i++];
                (parameter.SqliteType, parameter.Value) = value.ValueKind switch
                {
                    JsonValueKind.Null => (SqliteType.Text, (object)DBNull.Value),
                    JsonValueKind.Number when value.TryGetInt64(out var l) => (SqliteType.Integer, l),
                    JsonValueKind.Number => (SqliteType.Real, value.GetDouble()),
                    JsonValueKind.True => (SqliteType.Integer, 1L),
                    JsonValueKind.False => (SqliteType.Integer, 0L),
                    JsonValueKind.String => (SqliteType.Text, value.GetString()!),
                    _ => (SqliteType.Text, value.GetRawText()),
                };
            }

            if (i != parameters.Length)
            {
                throw new InvalidDataException($"A row of {table.Name} has {i} values for {parameters.Length} columns.");
            }

            insert.ExecuteNonQuery();
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
