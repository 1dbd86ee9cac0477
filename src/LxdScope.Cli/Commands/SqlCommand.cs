using System.CommandLine;
using LxdScope.Lxd;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Safety;
using LxdScope.Lxd.Sql;
using LxdScope.Lxd.Sqlite;
using Microsoft.Data.Sqlite;

namespace LxdScope.Cli.Commands;

/// <summary>
/// <c>lxd sql</c> and <c>incus admin sql</c>, read-only: local.db is copied into memory first (so
/// no query can hold the daemon's lock), the global database is asked through the daemon's socket
/// with SELECTs only, one statement at a time. Printed as the detected product's own command prints.
/// </summary>
internal static class SqlCommand
{
    private const string TablesQuery =
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

    public static Command Create()
    {
        var lxdDir = CommonOptions.LxdDir();
        var database = new Argument<string>("database") { Description = "local (this member's local.db) or global (the cluster database, through LXD)." };
        database.AcceptOnlyFromAmong("local", "global");
        var query = new Argument<string>("query") { Description = "SELECT statements (several separated by ;), or .schema, or .tables." };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "Give up after this long (e.g. 00:00:05).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
        };
        var maxRows = new Option<int>("--max-rows")
        {
            Description = "Print at most this many rows.",
            DefaultValueFactory = _ => 100_000,
        };
        var collector = new Option<string?>("--collector") { Description = "Ask a collector's mirrors instead of this host (needs --cluster and a console token in $" + SqlRemote.TokenVariable + " or --token-file)." };
        var cluster = new Option<string?>("--cluster") { Description = "With --collector: the cluster to query." };
        var member = new Option<string?>("--member") { Description = "With --collector and local: one member (default: every member, with a member column)." };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "With --collector: the content as it was at this time (e.g. 2026-11-28T04:00:00Z)." };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "With --collector: a file holding the console token." };
        var fromFiles = new Option<bool>("--from-files")
        {
            Description = "global only: rebuild the global database from this member's raft files (database/global) into a temporary copy and query that, for when LXD cannot answer.",
        };
        var globalDir = new Option<string?>("--global-dir") { Description = "With --from-files: a raft directory (or a copy of one) to rebuild from." };
        var atIndex = new Option<ulong?>("--at-index") { Description = "With --from-files: the database as of this raft index (default: the last entry)." };
        var noCache = new Option<bool>("--no-cache")
        {
            Description = $"With --from-files: rebuild into a temporary file instead of the rebuild cache (${RebuildCache.DirectoryVariable}, else $XDG_CACHE_HOME/lxdscope, ~/.cache/lxdscope).",
        };
        var command = new Command("sql", "Query LXD's local or global database, read-only, printed like `lxd sql`.")
        {
            lxdDir, timeout, maxRows, collector, cluster, member, asOf, tokenFile, fromFiles, globalDir, atIndex, noCache, database, query,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(collector) is { } address)
            {
                // A string, not Uri: the NativeAOT build has no converter for Uri options.
                if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    await Console.Error.WriteLineAsync($"lxdscope: --collector must be an http(s) URL, not '{address}'");
                    return ExitCodes.Usage;
                }

                return await RunRemoteAsync(url, parse.GetValue(cluster), parse.GetValue(member), parse.GetValue(asOf), parse.GetValue(tokenFile), parse.GetValue(database)!, parse.GetValue(query)!.Trim(), parse.GetValue(timeout), ct);
            }

            var text = parse.GetValue(query)!.Trim();
            var limits = new QueryLimits(parse.GetValue(timeout), parse.GetValue(maxRows));
            if (!parse.GetValue(fromFiles) && (parse.GetValue(atIndex) is not null || parse.GetValue(noCache)))
            {
                await Console.Error.WriteLineAsync("lxdscope: --at-index and --no-cache go with --from-files");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(fromFiles))
            {
                if (parse.GetValue(database) != "global")
                {
                    await Console.Error.WriteLineAsync("lxdscope: --from-files rebuilds the global database; local.db is read directly");
                    return ExitCodes.Usage;
                }

                return ForensicsCommand.ResolveGlobalDir(parse.GetValue(globalDir), parse.GetValue(lxdDir)) is { } raftDir
                    ? await RunFromFilesAsync(raftDir, parse.GetValue(atIndex), !parse.GetValue(noCache), text, limits, ct)
                    : ExitCodes.Usage;
            }

            if (CommonOptions.Locate(parse.GetValue(lxdDir)) is not { } dir)
            {
                return ExitCodes.Usage;
            }

            try
            {
                var output = parse.GetValue(database) == "local"
                    ? RunLocal(dir, text, limits)
                    : await RunGlobalAsync(dir, text, limits, ct);
                Console.Out.Write(output);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ReadOnlyViolationException or QueryFailedException or LocalDatabaseException or LxdApiException)
            {
                await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static async Task<int> RunRemoteAsync(Uri url, string? cluster, string? member, DateTimeOffset? asOf, FileInfo? tokenFile, string database, string text, TimeSpan timeout, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(cluster))
        {
            await Console.Error.WriteLineAsync("lxdscope: --collector needs --cluster NAME");
            return ExitCodes.Usage;
        }

        string? token;
        try
        {
            token = tokenFile is null ? Environment.GetEnvironmentVariable(SqlRemote.TokenVariable) : (await File.ReadAllTextAsync(tokenFile.FullName, ct)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"lxdscope: cannot read the token file: {e.Message}");
            return ExitCodes.Usage;
        }

        if (string.IsNullOrEmpty(token))
        {
            await Console.Error.WriteLineAsync($"lxdscope: --collector needs a console token: set {SqlRemote.TokenVariable} or give --token-file");
            return ExitCodes.Usage;
        }

        try
        {
            Console.Out.Write(await SqlRemote.RunAsync(url, cluster, database, member, asOf, token, text, timeout, ct));
            return ExitCodes.Ok;
        }
        catch (QueryFailedException e)
        {
            await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    private static async Task<int> RunFromFilesAsync(string globalDir, ulong? atIndex, bool cached, string text, QueryLimits limits, CancellationToken ct)
    {
        try
        {
            RebuiltGlobal? temporary = null;
            RebuildResult result;
            var hit = false;
            if (cached)
            {
                result = new RebuildCache(RebuildCache.DefaultDirectory()).Get(globalDir, atIndex, ct, out hit);
            }
            else
            {
                temporary = RebuiltGlobal.Create(globalDir, atIndex, ct);
                result = temporary.Result;
            }

            using (temporary)
            {
                foreach (var warning in result.Warnings)
                {
                    await Console.Error.WriteLineAsync($"lxdscope: {warning}");
                }

                // stdout keeps the SQL command's exact table; where the data comes from goes to stderr.
                await Console.Error.WriteLineAsync($"lxdscope: global database {result.AsOf}{(hit ? " (cached rebuild)" : "")}");
                using var connection = ReadOnlySqlite.Open(result.OutputPath, limits.Timeout);
                // The raft directory is <daemon directory>/database/global.
                var product = new LxdDirectory(Path.GetFullPath(Path.Combine(globalDir, "..", ".."))).ProductFromPath;
                Console.Out.Write(Render(connection, text, limits, product));
                return ExitCodes.Ok;
            }
        }
        catch (RebuildRefusedException e)
        {
            await Console.Error.WriteLineAsync($"lxdscope: global database from {globalDir}: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OutputPathRefusedException e)
        {
            await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
            return ExitCodes.Refused;
        }
        catch (Exception e) when (e is ReadOnlyViolationException or QueryFailedException)
        {
            await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"lxdscope: cannot use the rebuild cache: {e.Message} (--no-cache rebuilds into a temporary file)");
            return ExitCodes.Failed;
        }
    }

    private static string RunLocal(LxdDirectory dir, string text, QueryLimits limits)
    {
        using var copy = LocalDatabase.CopyToMemory(dir.LocalDatabasePath);
        return Render(copy, text, limits, dir.ProductFromPath);
    }

    /// <summary>A query on a SQLite copy: each statement on its own, DATETIME columns as the daemon's Go driver hands them over.</summary>
    private static string Render(SqliteConnection copy, string text, QueryLimits limits, LxdProduct product)
    {
        return text switch
        {
            ".schema" => SchemaDump.Render(ReadOnlyQuery.Run(copy, SchemaDump.Query, limits).Rows.Select(r => (string)r[0]!)),
            ".tables" => Table([ReadOnlyQuery.Run(copy, TablesQuery, limits)], product),
            _ => Table(SqlStatements.Split(text).Select(q => GoDqliteTimes.Apply(copy, q, ReadOnlyQuery.Run(copy, q, limits))).ToList(), product),
        };
    }

    private static async Task<string> RunGlobalAsync(LxdDirectory dir, string text, QueryLimits limits, CancellationToken ct)
    {
        using var client = new LxdSocketClient(dir.SocketPath, limits.Timeout);
        if (text == ".schema")
        {
            return await client.DumpAsync("global", schemaOnly: true, ct);
        }

        // The daemon says which it is; its directory only when it does not.
        var server = await client.GetServerAsync(ct);
        var product = server.Product == LxdProduct.Unknown ? dir.ProductFromPath : server.Product;
        var results = new List<SqlResult>();
        foreach (var statement in text == ".tables" ? [TablesQuery] : SqlStatements.SplitSelects(text))
        {
            results.Add(Cap(await client.SelectAsync("global", statement, ct), limits.MaxRows));
        }

        return Table(results, product);
    }

    private static SqlResult Cap(SqlResult result, int maxRows) =>
        result.Rows.Count <= maxRows ? result : result with { Rows = result.Rows.Take(maxRows).ToList(), Truncated = true };

    private static string Table(IReadOnlyList<SqlResult> results, LxdProduct product)
    {
        foreach (var result in results.Where(r => r.Truncated))
        {
            Console.Error.WriteLine($"lxdscope: output cut at {result.Rows.Count} rows (--max-rows)");
        }

        return LxdSqlTable.Render(results, product);
    }
}
