using LxdScope.Agent.Sources;
using LxdScope.Agent.Content;
using LxdScope.Contracts;
using LxdScope.Lxd;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Content;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace LxdScope.Agent.Tests.Sources;

public sealed class ContentSourcesTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("lxdscope-content-");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ContentFeedback feedback = new();
    private readonly LxdDirectory lxd;
    private readonly ContentRedaction redaction;
    private LocalContentSource local;

    public ContentSourcesTests()
    {
        lxd = new LxdDirectory(root.FullName);
        LxdDatabases.WriteLocal(root.FullName, "10.0.0.1:8443", "10.0.0.1:8443");
        redaction = new ContentRedaction(true, RedactionRule.Defaults, Path.Combine(root.FullName, "state"));
        local = new LocalContentSource(Interval, feedback, redaction);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        root.Delete(recursive: true);
    }

    [Fact]
    public async Task Local_content_goes_in_full_first_then_only_what_changed_and_the_digest_when_nothing_did()
    {
        var first = await Collect();
        Assert.NotNull(first);
        Assert.All(first.Tables!, t => Assert.NotNull(t.Rows));
        Assert.Contains(first.Tables!, t => t.Name == "raft_nodes" && t.Rows!.Value.GetArrayLength() == 1);

        // Unchanged and within the interval: nothing at all.
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await Collect());

        // Unchanged, interval passed: the digest alone confirms the collector's copy.
        clock.Advance(Interval);
        var confirm = await Collect();
        Assert.Equal(first.Digest, confirm!.Digest);
        Assert.Null(confirm.Tables);

        // One table changed: it alone carries rows.
        Write("INSERT INTO raft_nodes (id, address, role, name) VALUES (2, '10.0.0.2:8443', 1, 'node2')");
        clock.Advance(TimeSpan.FromSeconds(10));
        var changed = await Collect();
        Assert.NotEqual(first.Digest, changed!.Digest);
        Assert.Equal(["raft_nodes"], changed.Tables!.Where(t => t.Rows is not null).Select(t => t.Name));
        Assert.Equal(first.Tables!.Select(t => t.Name), changed.Tables!.Select(t => t.Name));
    }

    [Fact]
    public async Task A_resend_request_sends_every_table_again_once()
    {
        await Collect();
        feedback.Observe(new IngestResponse("a1", 1, false, false) { ResendContent = ["local"] });

        clock.Advance(TimeSpan.FromSeconds(10));
        var resent = await Collect();
        clock.Advance(TimeSpan.FromSeconds(10));
        var after = await Collect();

        Assert.All(resent!.Tables!, t => Assert.NotNull(t.Rows));
        Assert.Null(after);
    }

    [Fact]
    public async Task Global_content_leaves_LXD_alone_until_the_collector_chooses_this_agent()
    {
        var global = new GlobalContentSource(Interval, feedback, redaction);
        using var client = new LxdSocketClient(Path.Combine(root.FullName, "unix.socket"), TimeSpan.FromSeconds(1));
        var context = new CollectionContext(lxd, client, clock);

        await global.CollectAsync(context, CancellationToken.None);
        Assert.Null(context.GlobalContent);

        feedback.Observe(new IngestResponse("a1", 1, false, false) { SendGlobalContent = true });
        // Chosen: now it asks LXD, which is not there.
        await Assert.ThrowsAnyAsync<Exception>(() => global.CollectAsync(context, CancellationToken.None));
    }

    [Fact]
    public async Task When_LXD_cannot_answer_the_chosen_agent_rebuilds_the_global_content_from_its_raft_files()
    {
        // Real raft files of a testbed member (a snapshot and the open segment after it).
        var global = Directory.CreateDirectory(lxd.GlobalDirectory);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures/snapshot-node1")))
        {
            if (file.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var input = new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress);
                using var output = File.Create(Path.Combine(global.FullName, Path.GetFileNameWithoutExtension(file)));
                await input.CopyToAsync(output);
            }
            else
            {
                File.Copy(file, Path.Combine(global.FullName, Path.GetFileName(file)));
            }
        }

        var source = new GlobalContentSource(Interval, feedback, redaction);
        feedback.Observe(new IngestResponse("a1", 1, false, false) { SendGlobalContent = true });
        using var client = new LxdSocketClient(Path.Combine(root.FullName, "unix.socket"), TimeSpan.FromSeconds(1));
        var context = new CollectionContext(lxd, client, clock) { Member = "node1" }; // context.Global is null: LXD did not answer

        await source.CollectAsync(context, CancellationToken.None);

        var content = context.GlobalContent!;
        Assert.StartsWith("from files, as of raft index ", content.Source, StringComparison.Ordinal);
        Assert.EndsWith(", on node1", content.Source, StringComparison.Ordinal);
        var profiles = content.Tables!.Single(t => t.Name == "profiles");
        Assert.Contains("fx1", profiles.Rows!.Value.ToString(), StringComparison.Ordinal);
        // DATETIME values as LXD's API gives them, so unchanged tables hash as they did when read live.
        var nodes = content.Tables!.Single(t => t.Name == "nodes");
        var heartbeat = nodes.Columns!.ToList().IndexOf("heartbeat");
        Assert.All(nodes.Rows!.Value.EnumerateArray(), row => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", row[heartbeat].GetString()));
    }

    [Fact]
    public async Task Secrets_in_local_db_leave_as_markers_that_change_when_the_secret_does()
    {
        Write("INSERT INTO config (key, value) VALUES ('core.trust_password', 'hunter2-local-secret')");

        var first = await Collect();
        var config = Rows(first!, "config");
        Assert.DoesNotContain("hunter2", config, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.MarkerPrefix, config, StringComparison.Ordinal);
        Assert.Contains("cluster.https_address", config, StringComparison.Ordinal); // other keys as they are
        Assert.Contains("10.0.0.1:8443", config, StringComparison.Ordinal);

        Write("UPDATE config SET value = 'hunter3-local-secret' WHERE key = 'core.trust_password'");
        clock.Advance(TimeSpan.FromSeconds(10));
        var changed = await Collect();

        var after = Rows(changed!, "config");
        Assert.DoesNotContain("hunter3", after, StringComparison.Ordinal);
        Assert.NotEqual(config, after);
        Assert.NotEqual(first!.Digest, changed!.Digest);
        Assert.Equal(["config"], changed.Tables!.Where(t => t.Rows is not null).Select(t => t.Name));
    }

    [Fact]
    public async Task The_marker_key_comes_from_cluster_key_when_it_can_be_read_and_never_changes_the_marker_between_agents()
    {
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "cluster.key"), "-----BEGIN EC PRIVATE KEY-----\nfake\n-----END EC PRIVATE KEY-----\n");
        Write("INSERT INTO config (key, value) VALUES ('core.trust_password', 'hunter2')");
        var first = Rows((await Collect())!, "config");

        // Another agent of the same cluster (another state directory): same marker.
        var other = new ContentRedaction(true, RedactionRule.Defaults, Path.Combine(root.FullName, "other-state"));
        local = new LocalContentSource(Interval, feedback, other);
        var second = Rows((await Collect())!, "config");

        Assert.Equal(first, second);
        Assert.Equal(Path.Combine(root.FullName, "cluster.key"), other.KeySource);
        Assert.False(Directory.Exists(Path.Combine(root.FullName, "other-state")));
    }

    [Fact]
    public async Task Without_cluster_key_the_marker_key_is_kept_in_the_state_directory_readable_by_the_agent_alone()
    {
        Write("INSERT INTO config (key, value) VALUES ('core.trust_password', 'hunter2')");
        var first = Rows((await Collect())!, "config");
        var keyFile = Path.Combine(root.FullName, "state", RedactionKey.FileName);

        Assert.Equal(keyFile, redaction.KeySource);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        // A restarted agent reads the same key back: markers do not change.
        local = new LocalContentSource(Interval, feedback, new ContentRedaction(true, RedactionRule.Defaults, Path.Combine(root.FullName, "state")));
        Assert.Equal(first, Rows((await Collect())!, "config"));
    }

    [Fact]
    public async Task With_redaction_switched_off_the_content_goes_as_it_is()
    {
        Write("INSERT INTO config (key, value) VALUES ('core.trust_password', 'hunter2')");
        local = new LocalContentSource(Interval, feedback, new ContentRedaction(false, RedactionRule.Defaults, Path.Combine(root.FullName, "state")));

        Assert.Contains("hunter2", Rows((await Collect())!, "config"), StringComparison.Ordinal);
    }

    private static string Rows(DatabaseContent content, string table) =>
        content.Tables!.Single(t => t.Name == table).Rows!.Value.GetRawText();

    [Fact]
    public async Task A_missing_local_database_is_an_error_not_empty_content()
    {
        File.Delete(lxd.LocalDatabasePath);

        await Assert.ThrowsAsync<FileNotFoundException>(Collect);
    }

    private async Task<DatabaseContent?> Collect()
    {
        using var client = new LxdSocketClient(Path.Combine(root.FullName, "unix.socket"), TimeSpan.FromSeconds(1));
        var context = new CollectionContext(lxd, client, clock);
        await local.CollectAsync(context, CancellationToken.None);
        return context.LocalContent;
    }

    private void Write(string sql) => LxdDatabases.ExecuteOnFile(lxd.LocalDatabasePath, sql);
}
