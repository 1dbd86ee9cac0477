using LxdScope.Agent.Collectors;
using LxdScope.Contracts;
using LxdScope.Lxd;
using LxdScope.Lxd.Api;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace LxdScope.Agent.Tests.Collectors;

public sealed class ContentCollectorsTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("lxdscope-content-");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ContentFeedback feedback = new();
    private readonly LxdDirectory lxd;
    private readonly LocalContentCollector local;

    public ContentCollectorsTests()
    {
        lxd = new LxdDirectory(root.FullName);
        Directory.CreateDirectory(Path.Combine(root.FullName, "database"));
        Write(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas/local-42.sql")));
        Write("INSERT INTO raft_nodes (id, address, role, name) VALUES (1, '10.0.0.1:8443', 0, 'node1'); INSERT INTO config (key, value) VALUES ('cluster.https_address', '10.0.0.1:8443')");
        local = new LocalContentCollector(Interval, feedback);
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
        var global = new GlobalContentCollector(Interval, feedback);
        using var client = new LxdSocketClient(Path.Combine(root.FullName, "unix.socket"), TimeSpan.FromSeconds(1));
        var context = new CollectionContext(lxd, client, clock);

        await global.CollectAsync(context, CancellationToken.None);
        Assert.Null(context.GlobalContent);

        feedback.Observe(new IngestResponse("a1", 1, false, false) { SendGlobalContent = true });
        // Chosen: now it asks LXD, which is not there.
        await Assert.ThrowsAnyAsync<Exception>(() => global.CollectAsync(context, CancellationToken.None));
    }

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

    private void Write(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={lxd.LocalDatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
