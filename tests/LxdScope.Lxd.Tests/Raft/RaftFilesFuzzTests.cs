using System.Diagnostics;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Raft;
using LxdScope.Lxd.Tests.Forensics;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace LxdScope.Lxd.Tests.Raft;

/// <summary>
/// Seeded mutations of real raft files (segments, metadata, snapshot and .meta, from the
/// fixtures) through every reader, and through a whole directory read and a global rebuild: no
/// exception but the documented ones, no case slower than its bound, memory back where it was.
/// Full size: LXDSCOPE_FUZZ_RAFT_CASES=20000 LXDSCOPE_FUZZ_RAFT_DIRECTORY_CASES=2000.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class RaftFilesFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(10);

    [Fact]
    public void Mutated_raft_files_are_read_without_a_crash_a_hang_or_growing_memory()
    {
        var cases = FileMutations.Cases("LXDSCOPE_FUZZ_RAFT_CASES", 3000);
        var snapshotDir = Directory.CreateTempSubdirectory("lxdscope-fuzz-raft-");
        try
        {
            ForensicsFixtures.CopyTo(snapshotDir.FullName);
            var targets = Targets(snapshotDir.FullName);

            var random = new Random(20261128);
            var (heapBefore, _) = Memory();
            var slowest = TimeSpan.Zero;
            for (var i = 0; i < cases; i++)
            {
                var target = targets[i % targets.Length];
                var (bytes, damage) = FileMutations.Mutate(random, target.Bytes);
                var stopwatch = Stopwatch.StartNew();
                FileMutations.Bounded(CaseBound, $"case {i}: {target.Name}, {damage}", () => target.Read(bytes));
                slowest = stopwatch.Elapsed > slowest ? stopwatch.Elapsed : slowest;
            }

            var (heapAfter, workingSet) = Memory();
            output.WriteLine($"{cases} mutated files; slowest {slowest.TotalMilliseconds:0} ms; heap {heapBefore / 1024} → {heapAfter / 1024} KiB; working set {workingSet / 1048576} MiB");
            Assert.True(heapAfter - heapBefore < 64L * 1024 * 1024, $"managed heap grew by {(heapAfter - heapBefore) / 1024} KiB over {cases} cases");
            Assert.True(slowest < CaseBound, $"slowest case took {slowest}");
        }
        finally
        {
            snapshotDir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Random damage rarely lands on a given header field; this sets every field position of the
    /// first 64 bytes of every file to every extreme, in both byte orders, deterministically.
    /// </summary>
    [Fact]
    public void Every_header_position_set_to_every_extreme_is_read_without_a_crash()
    {
        var snapshotDir = Directory.CreateTempSubdirectory("lxdscope-fuzz-sweep-");
        try
        {
            ForensicsFixtures.CopyTo(snapshotDir.FullName);
            var cases = 0;
            foreach (var (name, original, read) in Targets(snapshotDir.FullName))
            {
                foreach (var (bytes, damage) in FileMutations.HeaderSweep(original, 64))
                {
                    FileMutations.Bounded(CaseBound, $"{name}: {damage}", () => read(bytes));
                    cases++;
                }
            }

            output.WriteLine($"{cases} header cases");
            Assert.True(cases > 5000, $"{cases}");
        }
        finally
        {
            snapshotDir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Mutated_raft_directories_are_read_and_rebuilt_or_refused_with_a_reason()
    {
        var cases = FileMutations.Cases("LXDSCOPE_FUZZ_RAFT_DIRECTORY_CASES", 150);
        var pristine = Directory.CreateTempSubdirectory("lxdscope-fuzz-pristine-");
        var work = Directory.CreateTempSubdirectory("lxdscope-fuzz-dir-");
        try
        {
            ForensicsFixtures.CopyTo(pristine.FullName);
            var names = Directory.GetFiles(pristine.FullName).Select(Path.GetFileName).ToArray();
            var random = new Random(20261129);
            var (outcomes, refused) = (0, 0);
            var (heapBefore, _) = Memory();
            for (var i = 0; i < cases; i++)
            {
                var global = Path.Combine(work.FullName, "global-" + i);
                Directory.CreateDirectory(global);
                foreach (var name in names)
                {
                    File.Copy(Path.Combine(pristine.FullName, name!), Path.Combine(global, name!));
                }

                var victim = names[random.Next(names.Length)]!;
                var (bytes, damage) = FileMutations.Mutate(random, File.ReadAllBytes(Path.Combine(global, victim)));
                File.WriteAllBytes(Path.Combine(global, victim), bytes);
                var output = Path.Combine(work.FullName, $"rebuilt-{i}.db");
                FileMutations.Bounded(CaseBound, $"case {i}: {victim}, {damage}", () =>
                {
                    var state = RaftDirectory.Read(global);
                    Assert.True(state.Exists);
                    try
                    {
                        var result = GlobalRebuild.Run(global, output, null, CancellationToken.None);
                        Assert.True(result.Index >= 1);
                        Assert.True(TableCount(output) > 0, $"case {i}: the rebuilt database has no tables");
                        Interlocked.Increment(ref outcomes);
                    }
                    catch (RebuildRefusedException e)
                    {
                        Assert.False(string.IsNullOrWhiteSpace(e.Message));
                        Assert.False(File.Exists(output), $"case {i}: refused, yet {output} was written");
                        Interlocked.Increment(ref refused);
                    }
                });
                Directory.Delete(global, recursive: true);
                File.Delete(output);
            }

            var (heapAfter, workingSet) = Memory();
            output.WriteLine($"{cases} mutated directories: {outcomes} rebuilt, {refused} refused; heap {heapBefore / 1024} → {heapAfter / 1024} KiB; working set {workingSet / 1048576} MiB");
            Assert.Equal(cases, outcomes + refused);
            Assert.True(outcomes > 0 && refused > 0, $"{outcomes} rebuilt, {refused} refused: the mutations should produce both");
            Assert.True(heapAfter - heapBefore < 64L * 1024 * 1024, $"managed heap grew by {(heapAfter - heapBefore) / 1024} KiB");
        }
        finally
        {
            pristine.Delete(recursive: true);
            work.Delete(recursive: true);
        }
    }

    /// <summary>Each real file and the readers it goes through.</summary>
    private static (string Name, byte[] Bytes, Action<byte[]> Read)[] Targets(string snapshotDir) =>
    [
        (RaftFixtures.ClosedFirst, RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedFirst), b => Segment(b, 1)),
        (RaftFixtures.ClosedBig, RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedBig), b => Segment(b, 2)),
        (RaftFixtures.ClosedLast, RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedLast), b => Segment(b, 34)),
        ("open-1", RaftFixtures.Bytes(RaftFixtures.Node1, "open-1"), b => Segment(b, 35)),
        ("metadata1", RaftFixtures.Bytes(RaftFixtures.Node1, "metadata1"), b => Assert.True(RaftMetadata.TryParse(b, out var m, out var error) ? m is not null : error.Length > 0)),
        ("snapshot .meta", File.ReadAllBytes(Path.Combine(snapshotDir, ForensicsFixtures.Snapshot + ".meta")), b => Assert.True(RaftSnapshotInfo.TryDecodeMeta(b, out var c, out var error) ? c is not null : error.Length > 0)),
        ("snapshot", File.ReadAllBytes(Path.Combine(snapshotDir, ForensicsFixtures.Snapshot)), Snapshot),
    ];

    private static void Segment(byte[] bytes, ulong first)
    {
        var parsed = RaftSegment.Parse(bytes, first, Decode);
        using var stream = new MemoryStream(bytes);
        var read = RaftSegment.Read(stream, first, Decode);
        Assert.Equal((parsed.EntryCount, parsed.End), (read.EntryCount, read.End));
    }

    private static void Decode(RaftEntry entry)
    {
        if (!DqliteCommandDecoder.TryDecode(entry.Payload, out var command, out var error))
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
        }
        else
        {
            Assert.NotNull(command);
        }
    }

    private static void Snapshot(byte[] bytes)
    {
        try
        {
            DqliteSnapshot.Decode(bytes);
        }
        catch (InvalidDataException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    private static long TableCount(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        return (long)command.ExecuteScalar()!;
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet);
    }
}
