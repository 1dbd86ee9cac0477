using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LxdScope.Agent.Sources;
using LxdScope.Contracts;
using LxdScope.Lxd.Content;
using Microsoft.Data.Sqlite;

// Usage: ConsoleBench LXDSCOPE_EXECUTABLE GLOBAL_SCHEMA_SQL [RUNS]
// Builds a global database with 1,000 instances on 50 members and 100,000 instances_config rows,
// mirrors it into a real collector (the lxdscope executable) the way an agent does, then times
// each query end to end through POST /api/v1/sql and through `sqlite3 FILE QUERY`, interleaved.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ConsoleBench LXDSCOPE_EXECUTABLE GLOBAL_SCHEMA_SQL [RUNS]");
    return 2;
}

var executable = Path.GetFullPath(args[0]);
var schema = File.ReadAllText(args[1]);
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
var work = Directory.CreateTempSubdirectory("lxdscope-consolebench-");
var dbPath = Path.Combine(work.FullName, "global.db");
Build(dbPath, schema);

var agentToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
var consoleToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
var port = FreePort();
var config = Path.Combine(work.FullName, "collector.json");
File.WriteAllText(config, $$"""
    { "Collector": { "DatabasePath": "{{Path.Combine(work.FullName, "collector.db")}}",
      "Tokens": [ { "Cluster": "bench", "Sha256": "{{Sha(agentToken)}}" } ],
      "Console": { "Tokens": [ { "Name": "bench", "Sha256": "{{Sha(consoleToken)}}" } ], "MaxRows": 1000, "QueryTimeout": "00:00:10" },
      "RateLimits": { "Api": { "Burst": 1000000, "PerSecond": 1000000 } } } }
    """);
using var collector = Process.Start(new ProcessStartInfo(executable, ["collector", "--config", config, "--urls", $"http://127.0.0.1:{port}"])
{
    RedirectStandardOutput = true,
    RedirectStandardError = true,
})!;
collector.OutputDataReceived += (_, _) => { };
collector.ErrorDataReceived += (_, _) => { };
collector.BeginOutputReadLine();
collector.BeginErrorReadLine();
try
{
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    await WaitReady(http);
    await Push(http, dbPath, agentToken);

    (string Name, string Sql)[] queries =
    [
        ("fixed cost: SELECT 1", "SELECT 1"),
        ("scan 100k instances_config, group by key",
            "SELECT key, count(*) AS n, count(DISTINCT value) AS distinct_values FROM instances_config GROUP BY key ORDER BY n DESC"),
        ("join instances/nodes/instances_config",
            "SELECT nodes.name, count(*) AS instances, sum(CAST(instances_config.value AS INTEGER)) AS cpus FROM instances JOIN nodes ON nodes.id = instances.node_id JOIN instances_config ON instances_config.instance_id = instances.id AND instances_config.key = 'limits.cpu' GROUP BY nodes.name ORDER BY nodes.name"),
        ("1,000 rows out",
            "SELECT instances.name, instances_config.key, instances_config.value FROM instances_config JOIN instances ON instances.id = instances_config.instance_id ORDER BY instances_config.id LIMIT 1000"),
    ];

    Console.WriteLine($"data: 1,000 instances on 50 members, {Count(dbPath, "instances_config"):N0} instances_config rows; {runs} runs per tool, interleaved; collector {executable}");
    Console.WriteLine("| query | API median | API p90 | of which in the collector (median) | sqlite3 median | sqlite3 p90 | ratio (median) |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var (name, sql) in queries)
    {
        var (apiRows, _) = await Api(http, consoleToken, sql); // warm-up: the collector builds its copy once
        var cliRows = Cli(dbPath, sql);
        if (apiRows != cliRows)
        {
            Console.Error.WriteLine($"{name}: the API returned {apiRows} rows, sqlite3 {cliRows}");
            return 1;
        }

        var api = new List<double>();
        var server = new List<double>();
        var cli = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var (_, serverMs) = await Api(http, consoleToken, sql);
            api.Add(clock.Elapsed.TotalMilliseconds);
            server.Add(serverMs);
            clock.Restart();
            Cli(dbPath, sql);
            cli.Add(clock.Elapsed.TotalMilliseconds);
        }

        api.Sort();
        server.Sort();
        cli.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} ({apiRows} rows) | {Median(api):0.0} ms | {P90(api):0.0} ms | {Median(server):0.0} ms | {Median(cli):0.0} ms | {P90(cli):0.0} ms | {Median(api) / Median(cli):0.00} |"));
    }

    return 0;
}
finally
{
    collector.Kill();
    await collector.WaitForExitAsync();
    work.Delete(recursive: true);
}

static double Median(List<double> sorted) => sorted[sorted.Count / 2];

static double P90(List<double> sorted) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(sorted.Count * 0.9) - 1)];

static async Task<(int Rows, double ServerMs)> Api(HttpClient http, string token, string sql)
{
    using var body = new MemoryStream();
    using (var writer = new Utf8JsonWriter(body))
    {
        writer.WriteStartObject();
        writer.WriteString("cluster", "bench");
        writer.WriteString("database", "global");
        writer.WriteString("query", sql);
        writer.WriteEndObject();
    }

    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sql") { Content = new ByteArrayContent(body.ToArray()) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsByteArrayAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(text)}");
    }

    using var json = JsonDocument.Parse(text);
    return (json.RootElement.GetProperty("row_count").GetInt32(), json.RootElement.GetProperty("elapsed_ms").GetDouble());
}

static int Cli(string db, string sql)
{
    using var sqlite = Process.Start(new ProcessStartInfo("sqlite3", [db, sql]) { RedirectStandardOutput = true })!;
    var output = sqlite.StandardOutput.ReadToEnd();
    sqlite.WaitForExit();
    if (sqlite.ExitCode != 0)
    {
        throw new InvalidOperationException($"sqlite3 exited {sqlite.ExitCode}");
    }

    return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}

static async Task Push(HttpClient http, string dbPath, string token)
{
    using var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
    connection.Open();
    var now = DateTimeOffset.UtcNow;
    var content = new ContentTracker().Next(SqliteContentReader.Read(connection), now, full: true);
    var report = new AgentReport
    {
        AgentId = "bench-agent",
        Cluster = "bench",
        Epoch = "bench",
        Sequence = 1,
        StartedAt = now,
        CollectedAt = now,
        Member = "node1",
        Collectors = [],
        Content = new DatabaseContentSection(null, content),
        Self = new AgentSelfSection("bench", 0, 0, 0, 0, 0, 10),
    };
    using var gzipped = new MemoryStream();
    using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
    {
        JsonSerializer.Serialize(gzip, report, ContractJson.Default.AgentReport);
    }

    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = new ByteArrayContent(gzipped.ToArray()) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Content.Headers.ContentEncoding.Add("gzip");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"push: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

static void Build(string path, string schema)
{
    using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
    connection.Open();
    Execute(connection, schema);
    using var transaction = connection.BeginTransaction();
    Execute(connection, "INSERT INTO schema (version, updated_at) VALUES (60, 0); INSERT INTO projects (id, name, description) VALUES (1, 'default', '')", transaction);
    for (var n = 1; n <= 50; n++)
    {
        Execute(connection, $"INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch) VALUES ({n}, 'node{n}', '', '10.0.0.{n}:8443', 60, 300, '2026-11-28 05:00:00', 0, 2)", transaction);
    }

    string[] keys = ["limits.cpu", "limits.memory", "volatile.eth0.hwaddr", "volatile.base_image", "boot.autostart", "security.nesting", "image.os", "image.release", "user.owner", "volatile.idmap.current"];
    var random = new Random(42);
    for (var i = 1; i <= 1000; i++)
    {
        Execute(connection, $"INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES ({i}, {1 + (i % 50)}, 'c{i}', 2, {(i % 10 == 0 ? 1 : 0)}, '', 1)", transaction);
    }

    using var insert = connection.CreateCommand();
    insert.Transaction = transaction;
    insert.CommandText = "INSERT INTO instances_config (instance_id, key, value) VALUES ($i, $k, $v)";
    var pi = insert.Parameters.Add("$i", SqliteType.Integer);
    var pk = insert.Parameters.Add("$k", SqliteType.Text);
    var pv = insert.Parameters.Add("$v", SqliteType.Text);
    for (var i = 1; i <= 1000; i++)
    {
        for (var k = 0; k < 100; k++)
        {
            pi.Value = i;
            pk.Value = k < keys.Length ? keys[k] : $"user.label{k}";
            pv.Value = k == 0 ? random.Next(1, 17).ToString(CultureInfo.InvariantCulture) : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            insert.ExecuteNonQuery();
        }
    }

    transaction.Commit();
}

static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
{
    using var command = connection.CreateCommand();
    command.Transaction = transaction;
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static long Count(string db, string table)
{
    using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = $"SELECT count(*) FROM {table}";
    return (long)command.ExecuteScalar()!;
}

static string Sha(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

static int FreePort()
{
    using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task WaitReady(HttpClient http)
{
    for (var i = 0; i < 200; i++)
    {
        try
        {
            if ((await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(100);
    }

    throw new InvalidOperationException("the collector did not become ready");
}
