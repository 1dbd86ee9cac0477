using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests;

/// <summary>Empty databases built from real LXD DDL of any schema version (see Global/Schemas and Local/Schemas).</summary>
internal static class SchemaFiles
{
    public static string Text(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath));

    public static SqliteConnection InMemory(string relativePath, params string[] extraStatements) =>
        LxdDatabases.InMemory([Text(relativePath), .. extraStatements]);

    /// <summary>A database file in a fresh temporary directory, laid out as LXD_DIR/database/local.db.</summary>
    public static string LocalDbFile(string relativePath, params string[] extraStatements)
    {
        var dir = Directory.CreateTempSubdirectory("lxdscope-local-");
        var database = Directory.CreateDirectory(Path.Combine(dir.FullName, "database"));
        var path = Path.Combine(database.FullName, "local.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            foreach (var sql in (string[])[Text(relativePath), .. extraStatements])
            {
                LxdDatabases.Execute(connection, sql);
            }
        }

        return path;
    }
}
