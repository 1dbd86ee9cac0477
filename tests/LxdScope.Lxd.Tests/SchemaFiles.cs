using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests;

/// <summary>Empty databases built from real LXD DDL (see Global/Schemas and Local/Schemas).</summary>
internal static class SchemaFiles
{
    public static string Text(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath));

    public static SqliteConnection InMemory(string relativePath, params string[] extraStatements)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, Text(relativePath));
        foreach (var statement in extraStatements)
        {
            Execute(connection, statement);
        }

        return connection;
    }

    /// <summary>A database file in a fresh temporary directory, laid out as LXD_DIR/database/local.db.</summary>
    public static string LocalDbFile(string relativePath, params string[] extraStatements)
    {
        var dir = Directory.CreateTempSubdirectory("lxdscope-local-");
        var database = Directory.CreateDirectory(Path.Combine(dir.FullName, "database"));
        var path = Path.Combine(database.FullName, "local.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, Text(relativePath));
            foreach (var statement in extraStatements)
            {
                Execute(connection, statement);
            }
        }

        return path;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
