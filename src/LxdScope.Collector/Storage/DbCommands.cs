using System.Data;
using System.Data.Common;
using LxdScope.Collector.Mirrors;

namespace LxdScope.Collector.Storage;

/// <summary>
/// Commands written once for both stores: SQL that SQLite and PostgreSQL read alike, with named
/// parameters (@name, which both drivers accept) and values typed so that a null still has a type.
/// </summary>
internal static class DbCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbCommand Text(this DbCommand command, string name, string? value) => command.With(name, value, DbType.String);

    public static DbCommand Integer(this DbCommand command, string name, long? value) => command.With(name, value, DbType.Int64);

    public static DbCommand Boolean(this DbCommand command, string name, bool value) => command.With(name, value, DbType.Boolean);

    public static DbCommand Blob(this DbCommand command, string name, byte[]? value) => command.With(name, value, DbType.Binary);

    /// <summary>The mirror's key as @cluster, @db and @member.</summary>
    public static DbCommand Key(this DbCommand command, MirrorKey key) =>
        command.Text("@cluster", key.Cluster).Text("@db", key.Database).Text("@member", key.Member);

    public static List<T> ReadAll<T>(this DbCommand command, Func<DbDataReader, T> read)
    {
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }

    public static async Task<List<T>> ReadAllAsync<T>(this DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(read(reader));
        }

        return list;
    }

    /// <summary>Times are Unix milliseconds (UTC) in both stores.</summary>
    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static string? GetNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DbCommand With(this DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
