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
        LxdDatabases.ExecuteOnFile(path, [Text(relativePath), .. extraStatements]);
        return path;
    }
}
