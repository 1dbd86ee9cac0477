using LxdScope.Lxd.Local;
using LxdScope.Lxd.Raft;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests.Local;

public sealed class LocalDatabaseTests
{
    private const string Rows38 =
        "INSERT INTO raft_nodes (id, address) VALUES (1, '192.168.0.46:8443'), (2, '192.168.0.47:8443'), (3, '192.168.0.48:8443');"
        + "INSERT INTO config (key, value) VALUES ('core.https_address', '192.168.0.46:8443');";

    // LXD's updateFromV38 (lxd/db/node/update.go).
    private const string UpdateTo39 = "ALTER TABLE raft_nodes ADD COLUMN role INTEGER NOT NULL DEFAULT 0; UPDATE schema SET version = 39;";

    // LXD's updateFromV42: config recreated with NOT NULL columns.
    private const string UpdateTo43 =
        "CREATE TABLE config_new (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, UNIQUE (key));"
        + "INSERT INTO config_new SELECT id, key, value FROM config; DROP TABLE config; ALTER TABLE config_new RENAME TO config;"
        + "UPDATE schema SET version = 43;";

    private const string Rows42 =
        "INSERT INTO schema (version, updated_at) VALUES (42, 1764295705);"
        + "INSERT INTO raft_nodes (id, address, role, name) VALUES (1, '127.0.0.1:8443', 0, 'node1'), (2, '127.0.0.2:8443', 1, 'node2'), (3, '127.0.0.3:8443', 2, 'node3');"
        + "INSERT INTO config (key, value) VALUES ('cluster.https_address', '127.0.0.1:8443'), ('core.https_address', '127.0.0.1:8443');";

    [Fact]
    public void Schema_38_has_only_addresses_and_every_node_is_a_voter()
    {
        var snapshot = LocalDatabase.Read(SchemaFiles.LocalDbFile("Local/Schemas/local-38.sql", Rows38));

        Assert.Equal(38, snapshot.SchemaVersion);
        Assert.Equal(["192.168.0.46:8443", "192.168.0.47:8443", "192.168.0.48:8443"], snapshot.RaftNodes.Select(n => n.Address));
        Assert.All(snapshot.RaftNodes, n => Assert.Equal(RaftRole.Voter, n.Role));
        Assert.All(snapshot.RaftNodes, n => Assert.Equal("", n.Name));
        Assert.Equal("192.168.0.46:8443", snapshot.ClusterAddress);
    }

    [Fact]
    public void Schema_39_reads_roles_in_go_dqlite_numbering()
    {
        var path = SchemaFiles.LocalDbFile("Local/Schemas/local-38.sql", Rows38, UpdateTo39, "UPDATE raft_nodes SET role = 1 WHERE id = 3");

        var snapshot = LocalDatabase.Read(path);

        Assert.Equal(39, snapshot.SchemaVersion);
        Assert.Equal([RaftRole.Voter, RaftRole.Voter, RaftRole.StandBy], snapshot.RaftNodes.Select(n => n.Role));
    }

    [Fact]
    public void Schema_42_reads_names_and_prefers_the_cluster_address()
    {
        var snapshot = LocalDatabase.Read(SchemaFiles.LocalDbFile("Local/Schemas/local-42.sql", Rows42));

        Assert.Equal(42, snapshot.SchemaVersion);
        Assert.Equal(
            [new LocalRaftNode(1, "127.0.0.1:8443", RaftRole.Voter, "node1"), new LocalRaftNode(2, "127.0.0.2:8443", RaftRole.StandBy, "node2"), new LocalRaftNode(3, "127.0.0.3:8443", RaftRole.Spare, "node3")],
            snapshot.RaftNodes);
        Assert.Equal("127.0.0.1:8443", snapshot.ClusterAddress);
    }

    [Fact]
    public void Schema_43_reads_like_42()
    {
        var snapshot = LocalDatabase.Read(SchemaFiles.LocalDbFile("Local/Schemas/local-42.sql", Rows42, UpdateTo43));

        Assert.Equal(43, snapshot.SchemaVersion);
        Assert.Equal(3, snapshot.RaftNodes.Count);
        Assert.Equal("127.0.0.1:8443", snapshot.Config["core.https_address"]);
    }

    [Fact]
    public void Read_releases_its_lock_so_a_writer_can_commit_at_once()
    {
        var path = SchemaFiles.LocalDbFile("Local/Schemas/local-42.sql", Rows42);

        var snapshot = LocalDatabase.Read(path);

        // A writer with no busy timeout fails immediately if any lock is still held.
        using var writer = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=0");
        writer.Open();
        LxdDatabases.Execute(writer, "PRAGMA busy_timeout = 0; INSERT INTO config (key, value) VALUES ('k', 'v')");
        Assert.True(snapshot.LockHeld < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Read_never_changes_the_file()
    {
        var path = SchemaFiles.LocalDbFile("Local/Schemas/local-42.sql", Rows42);
        var before = File.ReadAllBytes(path);
        var mtime = File.GetLastWriteTimeUtc(path);

        LocalDatabase.Read(path);
        using (LocalDatabase.CopyToMemory(path))
        {
        }

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(path));
        Assert.False(File.Exists(path + "-journal"));
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var e = Assert.Throws<LocalDatabaseException>(() => LocalDatabase.Read("/nonexistent/database/local.db"));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_file_is_a_clear_error()
    {
        var path = SchemaFiles.LocalDbFile("Local/Schemas/local-42.sql", Rows42);
        var bytes = File.ReadAllBytes(path);
        // Keep the SQLite header, overwrite the pages: the schema can no longer be read.
        for (var i = 100; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 7);
        }

        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<LocalDatabaseException>(() => LocalDatabase.Read(path));

        Assert.Contains("cannot be read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_that_is_not_LXDs_is_named_as_such()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("lxdscope-other-").FullName, "local.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            LxdDatabases.Execute(c, "CREATE TABLE schema (id INTEGER, version INTEGER, updated_at INTEGER); CREATE TABLE config (key TEXT, value TEXT);");
        }

        var e = Assert.Throws<LocalDatabaseException>(() => LocalDatabase.Read(path));

        Assert.Contains("no raft_nodes table", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_is_not_a_database()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("lxdscope-text-").FullName, "local.db");
        File.WriteAllText(path, "this is not a database, just some text that is long enough to fill a header....");

        Assert.Throws<LocalDatabaseException>(() => LocalDatabase.Read(path));
    }
}
