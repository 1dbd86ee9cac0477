using System.Diagnostics;
using LxdScope.Lxd.Local;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace LxdScope.Lxd.Tests.Local;

/// <summary>
/// Seeded mutations of a real local.db (LXD's schema 42 DDL with a three-member cluster's rows)
/// through the reader inspect uses and the in-memory copy `sql local` uses: a snapshot or a
/// LocalDatabaseException with a message, nothing else, within a time bound, memory back where
/// it was. Full size: LXDSCOPE_FUZZ_LOCALDB_CASES=20000.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class LocalDatabaseFuzzTests(ITestOutputHelper output)
{
    private const string Rows42 =
        "INSERT INTO schema (version, updated_at) VALUES (42, 1764295705);"
        + "INSERT INTO raft_nodes (id, address, role, name) VALUES (1, '127.0.0.1:8443', 0, 'node1'), (2, '127.0.0.2:8443', 1, 'node2'), (3, '127.0.0.3:8443', 2, 'node3');"
        + "INSERT INTO config (key, value) VALUES ('cluster.https_address', '127.0.0.1:8443'), ('core.https_address', '127.0.0.1:8443');";

    private static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(10);

    [Fact]
    public void Mutated_local_db_files_give_a_snapshot_or_a_clear_error()
    {
        var cases = FileMutations.Cases("LXDSCOPE_FUZZ_LOCALDB_CASES", 2000);
        var original = SchemaFiles.LocalDbFile("Local/Schemas/local-42.sql", Rows42);
        var pristine = File.ReadAllBytes(original);
        var path = Path.Combine(Path.GetDirectoryName(original)!, "fuzzed.db");
        var random = new Random(20261130);
        var (read, refused) = (0, 0);
        var slowest = TimeSpan.Zero;
        var heapBefore = Heap();
        try
        {
            for (var i = 0; i < cases; i++)
            {
                var (bytes, damage) = FileMutations.Mutate(random, pristine);
                File.WriteAllBytes(path, bytes);
                var stopwatch = Stopwatch.StartNew();
                FileMutations.Bounded(CaseBound, $"case {i}: {damage}", () =>
                {
                    try
                    {
                        var snapshot = LocalDatabase.Read(path);
                        Assert.NotNull(snapshot.RaftNodes);
                        using var copy = LocalDatabase.CopyToMemory(path);
                        Query(copy);
                        Interlocked.Increment(ref read);
                    }
                    catch (LocalDatabaseException e)
                    {
                        Assert.False(string.IsNullOrWhiteSpace(e.Message));
                        Interlocked.Increment(ref refused);
                    }
                });
                slowest = stopwatch.Elapsed > slowest ? stopwatch.Elapsed : slowest;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(original))!, recursive: true);
        }

        var heapAfter = Heap();
        output.WriteLine($"{cases} mutated local.db: {read} read, {refused} refused; slowest {slowest.TotalMilliseconds:0} ms; heap {heapBefore / 1024} → {heapAfter / 1024} KiB; working set {Environment.WorkingSet / 1048576} MiB");
        Assert.Equal(cases, read + refused);
        Assert.True(read > 0 && refused > 0, $"{read} read, {refused} refused: the mutations should produce both");
        Assert.True(heapAfter - heapBefore < 64L * 1024 * 1024, "managed heap grew by more than 64 MiB");
        Assert.True(slowest < CaseBound, $"slowest case took {slowest}");
    }

    /// <summary>What an operator's `sql local` would run on the copy; a damaged page may fail it, as SQLite says.</summary>
    private static void Query(SqliteConnection copy)
    {
        try
        {
            using var command = copy.CreateCommand();
            command.CommandText = "SELECT * FROM raft_nodes; SELECT * FROM config; PRAGMA integrity_check;";
            using var reader = command.ExecuteReader();
            do
            {
                while (reader.Read())
                {
                    for (var c = 0; c < reader.FieldCount; c++)
                    {
                        _ = reader.GetValue(c);
                    }
                }
            }
            while (reader.NextResult());
        }
        catch (SqliteException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
