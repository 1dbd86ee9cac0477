using System.Text.Json;
using System.Text.RegularExpressions;
using LxdScope.Lxd.Global;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests.Generations;

/// <summary>
/// Each generation folder describes one cluster five ways (API answer, /1.0, lxc table, global and
/// local rows). These tests hold the five to one another, so a fixture edited in one place but not
/// the others fails here rather than misleading a judgement test.
/// </summary>
public sealed partial class GenerationFixturesTests
{
    public static TheoryData<string> Folders => [.. GenerationFixture.Names];

    // The voter rule that holds on every generation (docs/generations.md §1.2): without a roles
    // key (3.0–3.17) database:true marks the voters; otherwise one of these role names does.
    private static readonly string[] VoterRoles = ["database", "database-voter", "database-leader"];

    [Theory]
    [MemberData(nameof(Folders))]
    public void Members_answer_is_a_sync_envelope_listing_the_nodes_rows_in_id_order(string folder)
    {
        using var answer = Json(folder, "members.json");
        Assert.Equal("sync", answer.RootElement.GetProperty("type").GetString());
        Assert.Equal(200, answer.RootElement.GetProperty("status_code").GetInt32());

        using var global = Global(folder);
        var rows = Select(global, "SELECT name, address FROM nodes ORDER BY id", r => (r.GetString(0), r.GetString(1)));

        Assert.Equal(rows, Members(answer).Select(m => (Name(m), Address(m))));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Voters_in_the_answer_are_the_voters_in_the_answering_members_raft_nodes(string folder)
    {
        using var answer = Json(folder, "members.json");
        using var local = Local(folder);
        var hasRole = Select(local, "SELECT count(*) FROM pragma_table_info('raft_nodes') WHERE name = 'role'", r => r.GetInt64(0)).Single() == 1;
        var raft = Select(local, hasRole ? "SELECT address, role FROM raft_nodes" : "SELECT address, 0 FROM raft_nodes", r => (r.GetString(0), r.GetInt64(1)));

        var voters = Members(answer).Where(IsVoter).Select(Address).Order();

        Assert.Equal(raft.Where(r => r.Item2 == 0).Select(r => r.Item1).Order(), voters);
        Assert.All(
            Members(answer).Where(m => Roles(m).Contains("database-standby")),
            m => Assert.Contains((Address(m), 1L), raft));
        Assert.True(Members(answer).Count(m => Roles(m).Contains("database-leader")) <= 1);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Offline_members_are_exactly_those_whose_heartbeat_is_older_than_the_threshold(string folder)
    {
        using var answer = Json(folder, "members.json");
        using var global = Global(folder);
        var threshold = Select(global, "SELECT value FROM config WHERE key = 'cluster.offline_threshold'", r => double.Parse(r.GetString(0), System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(20).Single();
        var heartbeats = Select(global, "SELECT address, heartbeat FROM nodes", r => (r.GetString(0), LxdTime.Parse(r.GetString(1))!.Value))
            .ToDictionary(r => r.Item1, r => r.Item2);
        var newest = heartbeats.Values.Max();

        Assert.All(Members(answer), m =>
            Assert.Equal(
                (newest - heartbeats[Address(m)]).TotalSeconds > threshold,
                m.GetProperty("status").GetString() == "Offline"));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Cluster_list_prints_one_row_per_member_with_its_upper_cased_status(string folder)
    {
        using var answer = Json(folder, "members.json");
        var table = File.ReadAllLines(Path.Combine(Dir(folder), "cluster-list.txt"));

        foreach (var member in Members(answer))
        {
            var row = Assert.Single(table, line => line.StartsWith($"| {Name(member)} ", StringComparison.Ordinal));
            Assert.Contains($"| {member.GetProperty("status").GetString()!.ToUpperInvariant()} ", row, StringComparison.Ordinal);
        }

        Assert.Equal(Members(answer).Length, table.Skip(3).Count(line => RowStart().IsMatch(line)));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Server_answer_is_the_answering_member_and_counts_the_nodes_api_extensions(string folder)
    {
        using var server = Json(folder, "server.json");
        using var local = Local(folder);
        using var global = Global(folder);
        var metadata = server.RootElement.GetProperty("metadata");
        var environment = metadata.GetProperty("environment");
        var address = Select(local, "SELECT value FROM config WHERE key = 'cluster.https_address'", r => r.GetString(0)).Single();
        var name = Select(global, "SELECT name FROM nodes WHERE address = $a", r => r.GetString(0), ("$a", address)).Single();
        var extensions = Select(global, "SELECT DISTINCT api_extensions FROM nodes", r => r.GetInt64(0)).Single();

        Assert.Equal(name, environment.GetProperty("server_name").GetString());
        Assert.True(environment.GetProperty("server_clustered").GetBoolean());
        Assert.Equal(folder.StartsWith("incus-", StringComparison.Ordinal) ? "incus" : "lxd", environment.GetProperty("server").GetString());
        Assert.Equal(folder[(folder.IndexOf('-') + 1)..], environment.GetProperty("server_version").GetString());
        Assert.Equal(extensions, metadata.GetProperty("api_extensions").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Both_databases_record_their_schema_and_every_node_runs_the_global_one(string folder)
    {
        using var global = Global(folder);
        using var local = Local(folder);
        var globalVersion = Select(global, "SELECT MAX(version) FROM schema", r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0)).Single();
        var localVersion = Select(local, "SELECT MAX(version) FROM schema", r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0)).Single();

        Assert.NotNull(globalVersion);
        Assert.InRange(localVersion ?? 0, 37, 43);
        Assert.Equal([globalVersion.Value], Select(global, "SELECT DISTINCT schema FROM nodes", r => r.GetInt64(0)));
    }

    private static bool IsVoter(JsonElement member) =>
        member.TryGetProperty("roles", out _)
            ? Roles(member).Intersect(VoterRoles).Any()
            : member.GetProperty("database").GetBoolean();

    private static string[] Roles(JsonElement member) =>
        member.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
            ? roles.EnumerateArray().Select(r => r.GetString()!).ToArray()
            : [];

    private static string Name(JsonElement member) => member.GetProperty("server_name").GetString()!;

    private static string Address(JsonElement member) => member.GetProperty("url").GetString()!["https://".Length..];

    private static JsonElement[] Members(JsonDocument answer) => [.. answer.RootElement.GetProperty("metadata").EnumerateArray()];

    private static string Dir(string folder) => GenerationFixture.Dir(folder);

    private static JsonDocument Json(string folder, string file) => GenerationFixture.Json(folder, file);

    private static SqliteConnection Global(string folder) => GenerationFixture.Global(folder);

    private static SqliteConnection Local(string folder) => GenerationFixture.Local(folder);

    private static List<T> Select<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(read(reader));
        }

        return result;
    }

    [GeneratedRegex(@"^\| \S")]
    private static partial Regex RowStart();
}
