using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using LxdScope.SystemTests.Testbed;
using Microsoft.Data.Sqlite;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// Secrets planted in a real instance's and a real profile's configuration on the testbed never
/// reach the collector: not its store (the mirrors and the agents' latest reports, decompressed),
/// not the console (JSON and CSV), not the diff — while the console still shows that the key is
/// there and that it changed.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class SecretRedactionTests(TestbedFixture testbed) : IAsyncLifetime
{
    private const string Instance = "lxdscope-secret";
    private const string Profile = "lxdscope-secret";
    private readonly string profileSecret = "pw-" + Guid.NewGuid().ToString("N");
    private readonly string userDataSecret = "ud-" + Guid.NewGuid().ToString("N");
    private readonly string instanceSecret = "tk-" + Guid.NewGuid().ToString("N");
    private readonly HttpClient http = new();
    private string url = "";

    public async Task InitializeAsync()
    {
        await Executable.EnsureBuiltAsync(); // the stack's first start would otherwise include the build
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        var up = await testbed.Stack("up", "--port", testbed.StackPort, "--interval", "1s", "--content-interval", "2s");
        Assert.True(up.ExitCode == 0, up.Stderr);
        url = (await testbed.Stack("url")).Stdout.Trim();
        var token = (await File.ReadAllTextAsync((await testbed.Stack("console-token")).Stdout.Trim())).Trim();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task DisposeAsync()
    {
        await Processes.RunAsync("lxc", ["delete", "-f", Instance], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["LXD_DIR"] = testbed.MemberDir("node1") });
        await Processes.RunAsync("lxc", ["profile", "delete", Profile], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["LXD_DIR"] = testbed.MemberDir("node1") });
        await testbed.Stack("down");
        http.Dispose();
    }

    [Fact]
    public async Task Secrets_in_instance_and_profile_configuration_never_reach_the_collector()
    {
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(1500);
        await testbed.Lxc("node1", "profile", "create", Profile);
        await testbed.Lxc("node1", "profile", "set", Profile, "environment.DB_PASSWORD", profileSecret);
        await testbed.Lxc("node1", "profile", "set", Profile, "user.user-data", $"#cloud-config\nchpasswd:\n  list: root:{userDataSecret}\n");
        await testbed.Lxc("node1", "init", "bb", Instance, "--target", "node1", "--profile", "default", "--profile", Profile);
        await testbed.Lxc("node1", "config", "set", Instance, "environment.API_TOKEN", instanceSecret);
        var trustHash = (await testbed.LxdSql("node1", "global", "SELECT value FROM config WHERE key = 'core.trust_password'")).Stdout
            .Split('\n').Select(l => l.Trim('|', ' ')).FirstOrDefault(l => l.Length > 20 && !l.Contains('-', StringComparison.Ordinal));
        string[] secrets = [profileSecret, userDataSecret, instanceSecret, .. trustHash is null ? Array.Empty<string>() : [trustHash]];

        // The keys arrive in the mirror, their values as markers.
        const string query = "SELECT p.name, c.key, c.value FROM profiles_config c JOIN profiles p ON p.id = c.profile_id WHERE p.name = 'lxdscope-secret' "
            + "UNION ALL SELECT i.name, c.key, c.value FROM instances_config c JOIN instances i ON i.id = c.instance_id WHERE i.name = 'lxdscope-secret' "
            + "UNION ALL SELECT 'server', key, value FROM config ORDER BY 1, 2";
        var json = await Eventually(TimeSpan.FromSeconds(60), new { cluster = "testbed", database = "global", query },
            text => text.Contains("environment.API_TOKEN", StringComparison.Ordinal) && text.Contains("environment.DB_PASSWORD", StringComparison.Ordinal));
        var csv = await Post("/api/v1/sql", new { cluster = "testbed", database = "global", query, format = "csv" });
        var diff = await Post("/api/v1/sql/diff", new { cluster = "testbed", database = "global", from = before, to = DateTimeOffset.UtcNow });
        var cli = await testbed.LxdScope("sql", "--collector", url, "--cluster", "testbed", "--token-file", (await testbed.Stack("console-token")).Stdout.Trim(), "global", query);

        Assert.Contains("lxdscope-redacted:", json, StringComparison.Ordinal);
        Assert.Contains("lxdscope-redacted:", csv, StringComparison.Ordinal);
        Assert.Contains("environment.API_TOKEN", diff, StringComparison.Ordinal); // the diff shows the key appeared…
        Assert.Contains("lxdscope-redacted:", diff, StringComparison.Ordinal); // …with a marker for its value
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, csv, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, diff, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, cli.Stdout, StringComparison.Ordinal);
        }

        // A changed secret shows as a changed marker, the new value nowhere.
        var marker = MarkerOf(json, "environment.API_TOKEN");
        var changedSecret = "tk2-" + Guid.NewGuid().ToString("N");
        await testbed.Lxc("node1", "config", "set", Instance, "environment.API_TOKEN", changedSecret);
        var after = await Eventually(TimeSpan.FromSeconds(60), new { cluster = "testbed", database = "global", query },
            text => MarkerOf(text, "environment.API_TOKEN") is { } m && m != marker);
        Assert.DoesNotContain(changedSecret, after, StringComparison.Ordinal);

        // Nothing the collector stored holds any of them, compressed or not.
        var store = StoreText(Path.Combine(testbed.Dir, "stack", "collector.db"));
        Assert.Contains("environment.API_TOKEN", store, StringComparison.Ordinal); // the scan does see the mirrors
        foreach (var secret in secrets.Append(changedSecret))
        {
            Assert.DoesNotContain(secret, store, StringComparison.Ordinal);
        }
    }

    private async Task<string> Post(string path, object body)
    {
        var (ok, text) = await TryPost(path, body);
        Assert.True(ok, $"{path}: {text}");
        return text;
    }

    /// <summary>For polling: until the first content arrives the console answers with a problem, which is not a failure yet.</summary>
    private async Task<(bool Ok, string Text)> TryPost(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(url + path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
    }

    /// <summary>The marker following a key in a JSON result row ["name","key","marker"].</summary>
    private static string? MarkerOf(string json, string key)
    {
        var at = json.IndexOf($"\"{key}\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = json.IndexOf("lxdscope-redacted:", at, StringComparison.Ordinal);
        return start < 0 ? null : json.Substring(start, "lxdscope-redacted:".Length + 16);
    }

    /// <summary>Every text and blob value in the collector's database (gzip'd ones decompressed), and its files' raw bytes.</summary>
    private static string StoreText(string path)
    {
        var text = new StringBuilder();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            text.Append(Encoding.Latin1.GetString(File.ReadAllBytes(file)));
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    switch (reader.GetValue(i))
                    {
                        case byte[] { Length: > 2 } b when b[0] == 0x1f && b[1] == 0x8b:
                            using (var gzip = new GZipStream(new MemoryStream(b), CompressionMode.Decompress))
                            using (var plain = new MemoryStream())
                            {
                                gzip.CopyTo(plain);
                                text.Append(Encoding.UTF8.GetString(plain.ToArray()));
                            }

                            break;
                        case byte[] b:
                            text.Append(Encoding.UTF8.GetString(b));
                            break;
                        case var v:
                            text.Append(Convert.ToString(v, CultureInfo.InvariantCulture));
                            break;
                    }

                    text.Append('\n');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Polls the console until a successful answer satisfies <paramref name="done"/>; returns that answer.</summary>
    private async Task<string> Eventually(TimeSpan limit, object body, Func<string, bool> done)
    {
        var last = (Ok: false, Text: "");
        await MetricsText.Eventually(limit, async () => (last = await TryPost("/api/v1/sql", body)).Ok && done(last.Text), () => last.Text);
        return last.Text;
    }
}
