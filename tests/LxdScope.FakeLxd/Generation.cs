using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace LxdScope.FakeLxd;

/// <summary>
/// One generation fixture brought to life: local.db written into the LXD directory, the global rows
/// in memory with every heartbeat moved forward so that "observed at" is now, and the answers.
/// </summary>
internal sealed partial class Generation
{
    private readonly SqliteConnection global;
    private readonly string localPath;
    private readonly Lock gate = new();
    private readonly DateTimeOffset observed;
    private readonly List<(long Id, DateTimeOffset At)> heartbeats;

    private Generation(SqliteConnection global, DateTimeOffset observed, string localPath, string server, string members, IReadOnlyList<string> addresses, X509Certificate2 certificate, string socketPath)
    {
        this.global = global;
        this.observed = observed;
        heartbeats = Heartbeats(global);
        this.localPath = localPath;
        Server = server;
        Members = members;
        MemberAddresses = addresses;
        ClusterCertificate = certificate;
        SocketPath = socketPath;
    }

    public string Server { get; }

    public string Members { get; }

    public IReadOnlyList<string> MemberAddresses { get; }

    public X509Certificate2 ClusterCertificate { get; }

    public string SocketPath { get; }

    public static Generation Load(string folder, string schemasRoot, string lxdDir)
    {
        var database = Directory.CreateDirectory(Path.Combine(lxdDir, "database"));
        var raft = Directory.CreateDirectory(Path.Combine(database.FullName, "global"));
        var localPath = Path.Combine(database.FullName, "local.db");
        File.Delete(localPath);
        using (var local = new SqliteConnection($"Data Source={localPath};Pooling=False"))
        {
            local.Open();
            Execute(local, Rows(folder, "local.sql", "Local", schemasRoot));
        }

        var global = new SqliteConnection("Data Source=:memory:");
        global.Open();
        var globalRows = Rows(folder, "global.sql", "Global", schemasRoot);
        Execute(global, globalRows);
        var observed = DateTimeOffset.ParseExact(
            ObservedAt().Match(globalRows).Groups[1].Value, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var server = File.ReadAllText(Path.Combine(folder, "server.json"));
        using (var serverDoc = JsonDocument.Parse(server))
        {
            // LXD 3.0-3.14 kept raft in hashicorp raft's BoltDB file (docs/generations.md §1.6).
            var version = Version.Parse(serverDoc.RootElement.GetProperty("metadata").GetProperty("environment").GetProperty("server_version").GetString()!);
            if (serverDoc.RootElement.GetProperty("metadata").GetProperty("environment").GetProperty("server").GetString() == "lxd" && version < new Version(3, 15))
            {
                File.WriteAllBytes(Path.Combine(raft.FullName, "logs.db"), []);
                Directory.CreateDirectory(Path.Combine(raft.FullName, "snapshots"));
            }
        }

        var members = File.ReadAllText(Path.Combine(folder, "members.json"));
        using var doc = JsonDocument.Parse(members);
        var addresses = doc.RootElement.GetProperty("metadata").EnumerateArray()
            .Select(m => m.GetProperty("url").GetString()!["https://".Length..])
            .ToList();
        var certificate = SelfSigned();
        File.WriteAllText(Path.Combine(lxdDir, "cluster.crt"), certificate.ExportCertificatePem());
        return new Generation(global, observed, localPath, server, members, addresses, certificate, Path.Combine(lxdDir, "unix.socket"));
    }

    /// <summary>POST /internal/sql as LXD answers it: one result per statement, "Results" with a capital R.</summary>
    public async Task<string> SqlAsync(Stream body)
    {
        using var request = await JsonDocument.ParseAsync(body);
        var query = request.RootElement.GetProperty("query").GetString()!;
        var database = request.RootElement.GetProperty("database").GetString();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("type", "sync");
            json.WriteString("status", "Success");
            json.WriteNumber("status_code", 200);
            json.WriteStartObject("metadata");
            json.WriteStartArray("Results");
            lock (gate)
            {
                ShiftHeartbeats(DateTimeOffset.UtcNow - observed);
                using var local = database == "local" ? new SqliteConnection($"Data Source={localPath};Mode=ReadOnly;Pooling=False") : null;
                local?.Open();
                using var command = (local ?? global).CreateCommand();
                command.CommandText = query;
                using var reader = command.ExecuteReader();
                json.WriteStartObject();
                json.WriteString("type", "select");
                json.WriteStartArray("columns");
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    json.WriteStringValue(reader.GetName(i));
                }

                json.WriteEndArray();
                json.WriteStartArray("rows");
                while (reader.Read())
                {
                    json.WriteStartArray();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        switch (reader.GetValue(i))
                        {
                            case DBNull:
                                json.WriteNullValue();
                                break;
                            case long l:
                                json.WriteNumberValue(l);
                                break;
                            case double d:
                                json.WriteNumberValue(d);
                                break;
                            case var v:
                                json.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture));
                                break;
                        }
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteNumber("rows_affected", 0);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The fixture's rows after the DDL its header names ("-- Load Global/Schemas/x.sql first.").</summary>
    private static string Rows(string folder, string file, string kind, string schemasRoot)
    {
        var rows = File.ReadAllText(Path.Combine(folder, file));
        var ddl = Regex.Match(rows, $@"-- Load ({kind}/Schemas/[\w.-]+\.sql) first\.").Groups[1].Value;
        return File.ReadAllText(Path.Combine(schemasRoot, ddl)) + "\n" + rows;
    }

    /// <summary>The heartbeats as recorded at the observed moment.</summary>
    private static List<(long Id, DateTimeOffset At)> Heartbeats(SqliteConnection db)
    {
        var beats = new List<(long, DateTimeOffset)>();
        using var select = db.CreateCommand();
        select.CommandText = "SELECT id, heartbeat FROM nodes";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var trimmed = Fraction().Replace(reader.GetString(1), m => m.Value[..Math.Min(m.Value.Length, 8)]);
            beats.Add((reader.GetInt64(0), DateTimeOffset.Parse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
        }

        return beats;
    }

    /// <summary>Every heartbeat moved by <paramref name="by"/>, so that each query sees the cluster as it was observed, now; written as go-dqlite writes times.</summary>
    private void ShiftHeartbeats(TimeSpan by)
    {
        foreach (var (id, at) in heartbeats)
        {
            using var update = global.CreateCommand();
            update.CommandText = "UPDATE nodes SET heartbeat = $h WHERE id = $id";
            update.Parameters.AddWithValue("$h", (at + by).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "+00:00");
            update.Parameters.AddWithValue("$id", id);
            update.ExecuteNonQuery();
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=root@fakelxd, O=linuxcontainers.org", key, HashAlgorithmName.SHA384);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [GeneratedRegex(@"observed at (\S+ \S+) \+0000 UTC")]
    private static partial Regex ObservedAt();

    [GeneratedRegex(@"\.\d+")]
    private static partial Regex Fraction();
}
