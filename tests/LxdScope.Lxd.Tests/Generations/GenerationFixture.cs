using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests.Generations;

/// <summary>One generation folder: a cluster as one LXD or Incus release answers and stores it (see README.md).</summary>
internal static partial class GenerationFixture
{
    public static readonly string[] Names =
    [
        "lxd-3.9", "lxd-3.18", "lxd-4.0.0", "lxd-4.0.9", "lxd-4.15", "lxd-4.21",
        "lxd-5.0.2", "lxd-5.21.7", "lxd-6.7", "lxd-6.9", "incus-6.0.4",
    ];

    public static string Dir(string folder) => Path.Combine(AppContext.BaseDirectory, "Generations", folder);

    public static JsonDocument Json(string folder, string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir(folder), file)));

    public static SqliteConnection Global(string folder) => Load(folder, "global.sql", "Global");

    public static SqliteConnection Local(string folder) => Load(folder, "local.sql", "Local");

    /// <summary>The local rows as LXD_DIR/database/local.db in a fresh directory, for readers that take a file.</summary>
    public static string LocalFile(string folder)
    {
        using var memory = Local(folder);
        var dir = Directory.CreateDirectory(Path.Combine(Directory.CreateTempSubdirectory("lxdscope-gen-").FullName, "database"));
        var path = Path.Combine(dir.FullName, "local.db");
        using var file = new SqliteConnection($"Data Source={path};Pooling=False");
        file.Open();
        memory.BackupDatabase(file);
        return path;
    }

    /// <summary>The moment the rows were read, from the global rows' header ("observed at 2019-01-22 06:13:20.184467 +0000 UTC").</summary>
    public static DateTimeOffset ObservedAt(string folder)
    {
        var header = File.ReadLines(Path.Combine(Dir(folder), "global.sql")).First();
        var text = Regex.Match(header, @"observed at (\S+ \S+) \+0000 UTC").Groups[1].Value;
        return DateTimeOffset.ParseExact(text, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>
    /// The rows of cluster-list.txt as header → cell, cells that span several lines joined with
    /// '\n' (how lxc prints a member's roles).
    /// </summary>
    public static List<Dictionary<string, string>> ClusterList(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(Dir(folder), "cluster-list.txt"));
        static string[] Cells(string line) => line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        var headers = Cells(lines[1]);
        var rows = new List<Dictionary<string, string>>();
        string[]? current = null;
        foreach (var line in lines.Skip(3))
        {
            if (line.StartsWith('+'))
            {
                if (current is not null)
                {
                    rows.Add(headers.Zip(current).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
                }

                current = null;
                continue;
            }

            var cells = Cells(line);
            current = current is null ? cells : current.Zip(cells, (a, b) => b.Length == 0 ? a : a.Length == 0 ? b : a + "\n" + b).ToArray();
        }

        return rows;
    }

    /// <summary>The rows file names its DDL in its header ("-- Load Global/Schemas/x.sql first.").</summary>
    private static SqliteConnection Load(string folder, string rowsFile, string kind)
    {
        var rows = File.ReadAllText(Path.Combine(Dir(folder), rowsFile));
        var ddl = Regex.Match(rows, $@"-- Load ({kind}/Schemas/[\w.-]+\.sql) first\.").Groups[1].Value;
        Assert.NotEmpty(ddl);
        return SchemaFiles.InMemory(ddl, rows);
    }
}
