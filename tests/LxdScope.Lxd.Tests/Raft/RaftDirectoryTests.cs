using System.Security.Cryptography;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Raft;

public sealed class RaftDirectoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WholeRealDirectory()
    {
        using var dir = Node1WithPreallocatedOpenSegments();

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.True(state.Exists);
        Assert.Empty(state.Problems);
        Assert.False(state.HasErrors);
        Assert.Equal(new RaftMetadata(1, 1, 0), state.Metadata);
        Assert.Equal(1ul, state.CurrentTerm);
        Assert.Equal(0ul, state.VotedFor);

        // Last index = max closed END (22) + the 100 entries in open-1; term = current term.
        Assert.Equal(new RaftPosition(1, 122), state.Position);
        Assert.Equal(RaftPositionSource.Log, state.PositionSource);

        Assert.Equal(
            [RaftFixtures.ClosedFirst, RaftFixtures.ClosedBig, RaftFixtures.ClosedLast, "open-1", "open-2", "open-3"],
            state.Segments.Select(s => s.FileName));
        Assert.Equal(
            [RaftSegmentHealth.Ok, RaftSegmentHealth.Ok, RaftSegmentHealth.Ok, RaftSegmentHealth.Ok, RaftSegmentHealth.Unused, RaftSegmentHealth.Unused],
            state.Segments.Select(s => s.Health));
        var open1 = state.Segments[3];
        Assert.True(open1.IsOpen);
        Assert.Equal(1ul, open1.OpenCounter);
        Assert.Equal(23ul, open1.FirstIndex);
        Assert.Equal(RaftFixtures.OpenSegmentSize, open1.Size);
        Assert.Equal(122ul, open1.Summary?.LastIndex);
        Assert.Equal(123ul, state.Segments[4].FirstIndex);

        Assert.Equal(36ul, state.Configuration?.Index);
        Assert.Equal(["127.0.0.1:8443", "127.0.0.2:8443", "127.0.0.3:8443"], state.Configuration?.Servers.Select(s => s.Address));
        Assert.All(state.Configuration!.Servers, s => Assert.Equal(RaftRole.Voter, s.Role));

        Assert.Empty(state.Snapshots);
        Assert.Null(state.StaleDumpModified);
        Assert.Null(state.StaleDumpAge);
    }

    [Fact]
    public void JoinedMemberWithOnlyAnOpenSegment()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node2, dir.Path);

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.Empty(state.Problems);
        var segment = Assert.Single(state.Segments);
        Assert.Equal(1ul, segment.FirstIndex);
        Assert.Equal(new RaftPosition(1, 122), state.Position);
        Assert.Equal(36ul, state.Configuration?.Index);
    }

    [Fact]
    public void LeaderAndFollowerAreAtTheSamePosition()
    {
        using var leader = Node1WithPreallocatedOpenSegments();
        using var follower = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node2, follower.Path);

        Assert.Equal(0, RaftDirectory.Read(leader.Path).Position.CompareTo(RaftDirectory.Read(follower.Path).Position));
    }

    [Fact]
    public void NeverWritesToTheDirectory()
    {
        using var dir = Node1WithPreallocatedOpenSegments();
        var before = Fingerprint(dir.Path);

        RaftDirectory.Read(dir.Path, Now);

        Assert.Equal(before, Fingerprint(dir.Path));
    }

    [Fact]
    public void MissingDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "lxdscope-no-such-dir-" + Guid.NewGuid().ToString("N"));

        var state = RaftDirectory.Read(path);

        Assert.False(state.Exists);
        Assert.True(state.HasErrors);
        var problem = Assert.Single(state.Problems);
        Assert.Equal($"no raft directory at {path}", problem.Message);
        Assert.Empty(state.Segments);
        Assert.Equal(RaftPositionSource.None, state.PositionSource);
    }

    [Fact]
    public void StaleDumpAge()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        File.WriteAllBytes(dir.File("db.bin"), new byte[4096]);
        var written = new DateTime(2026, 11, 28, 2, 8, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(dir.File("db.bin"), written);

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.Equal(new DateTimeOffset(written), state.StaleDumpModified);
        Assert.Equal(TimeSpan.FromMinutes(592), state.StaleDumpAge);
        Assert.Empty(state.Problems);
    }

    [Fact]
    public void GapBetweenClosedSegments()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        File.Delete(dir.File(RaftFixtures.ClosedBig));

        var state = RaftDirectory.Read(dir.Path, Now);

        var problem = Assert.Single(state.Problems);
        Assert.Equal(RaftProblemSeverity.Error, problem.Severity);
        Assert.Contains("entries 2 to 21 are missing", problem.Message, StringComparison.Ordinal);
        Assert.Equal(new RaftPosition(1, 122), state.Position);
    }

    [Fact]
    public void OverlappingClosedSegments()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);

        // A second copy of entry 1, named as if it held 1 to 2.
        File.Copy(dir.File(RaftFixtures.ClosedFirst), dir.File("0000000000000001-0000000000000002"));

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.Contains(state.Problems, p => p.Severity == RaftProblemSeverity.Error && p.Message.Contains("overlap", StringComparison.Ordinal));
        Assert.Contains(state.Problems, p => p.Message.Contains("holds 1 entries but its name says 2", StringComparison.Ordinal));
    }

    [Fact]
    public void LogThatDoesNotStartAtOneNeedsASnapshot()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        File.Delete(dir.File(RaftFixtures.ClosedFirst));

        var state = RaftDirectory.Read(dir.Path, Now);

        var problem = Assert.Single(state.Problems);
        Assert.Equal(RaftProblemSeverity.Error, problem.Severity);
        Assert.Contains("starts at index 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChecksumFailureInAClosedSegmentIsAnError()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        var bytes = File.ReadAllBytes(dir.File(RaftFixtures.ClosedBig));
        bytes[^100] ^= 0xFF;
        File.WriteAllBytes(dir.File(RaftFixtures.ClosedBig), bytes);

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.True(state.HasErrors);
        Assert.Equal(RaftSegmentHealth.Corrupt, state.Segments[1].Health);
        var problem = Assert.Single(state.Problems);
        Assert.Contains("data checksum mismatch", problem.Message, StringComparison.Ordinal);
        Assert.Contains("entries 21 to 21 cannot be read", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TornTailInTheLastOpenSegmentIsOnlyANote()
    {
        using var dir = Node1WithPreallocatedOpenSegments();
        var bytes = File.ReadAllBytes(dir.File("open-1"));
        bytes[1_140_032 + 40] ^= 0xFF; // a payload byte of the last batch (entry 122)
        File.WriteAllBytes(dir.File("open-1"), bytes);

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.False(state.HasErrors);
        var problem = Assert.Single(state.Problems);
        Assert.Equal(RaftProblemSeverity.Note, problem.Severity);
        Assert.Contains("torn", problem.Message, StringComparison.Ordinal);
        Assert.Equal(RaftSegmentHealth.TornTail, state.Segments[3].Health);
        Assert.Equal(new RaftPosition(1, 121), state.Position);
    }

    [Fact]
    public void TornOpenSegmentFollowedByDataIsAnError()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        var bytes = File.ReadAllBytes(dir.File("open-1"));
        File.WriteAllBytes(dir.File("open-1"), bytes[..600_000]);
        File.WriteAllBytes(dir.File("open-2"), RaftBytes.Segment([RaftBytes.Batch((1, 1, new byte[8]))], zeroTail: true));

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.True(state.HasErrors);
        Assert.Equal(RaftSegmentHealth.Corrupt, state.Segments[3].Health);
        Assert.Equal(RaftSegmentHealth.Ok, state.Segments[4].Health);
        Assert.Contains(state.Problems, p => p.Message.Contains("newer open segments follow", StringComparison.Ordinal));
    }

    [Fact]
    public void SnapshotWithMeta()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("metadata1"), RaftBytes.Metadata(5, 3, 2));
        var configuration = RaftBytes.Configuration((1, "10.0.0.1:8443", 1), (2, "10.0.0.2:8443", 0));
        File.WriteAllBytes(dir.File("snapshot-2-1024-3600123"), [0x04, 0x22, 0x4d, 0x18, 1, 2, 3]);
        File.WriteAllBytes(dir.File("snapshot-2-1024-3600123.meta"), RaftBytes.SnapshotMeta(900, configuration));
        var written = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(dir.File("snapshot-2-1024-3600123"), written);

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.Empty(state.Problems);
        var snapshot = Assert.Single(state.Snapshots);
        Assert.Equal("snapshot-2-1024-3600123", snapshot.FileName);
        Assert.Equal((2ul, 1024ul, 3600123ul), (snapshot.Term, snapshot.Index, snapshot.ClockMilliseconds));
        Assert.Equal(new DateTimeOffset(written), snapshot.Modified);
        Assert.Equal(7, snapshot.Size);
        Assert.True(snapshot.IsUsable);

        // No log after the snapshot: the position is the snapshot's, the configuration its .meta's.
        Assert.Equal(new RaftPosition(2, 1024), state.Position);
        Assert.Equal(RaftPositionSource.Snapshot, state.PositionSource);
        Assert.Equal(900ul, state.Configuration?.Index);
        Assert.Equal(RaftRole.StandBy, state.Configuration?.Servers[1].Role);
    }

    [Fact]
    public void OpenSegmentAfterASnapshotStartsAfterIt()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("metadata1"), RaftBytes.Metadata(5, 3, 2));
        File.WriteAllBytes(dir.File("snapshot-2-1024-5"), [1]);
        File.WriteAllBytes(dir.File("snapshot-2-1024-5.meta"), RaftBytes.SnapshotMeta(1, RaftBytes.Configuration((1, "a", 1))));
        File.WriteAllBytes(dir.File("open-4"), RaftBytes.Segment([RaftBytes.Batch((3, 2, []), (3, 1, new byte[8]))], zeroTail: true));

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.Empty(state.Problems);
        Assert.Equal(1025ul, state.Segments[0].FirstIndex);
        Assert.Equal(new RaftPosition(3, 1026), state.Position);
        Assert.Equal(RaftPositionSource.Log, state.PositionSource);
    }

    [Fact]
    public void SnapshotProblems()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        File.WriteAllBytes(dir.File("snapshot-1-10-100"), [1]);
        File.WriteAllBytes(dir.File("snapshot-1-20-200.meta"), RaftBytes.SnapshotMeta(1, RaftBytes.Configuration((1, "a", 1))));
        var badMeta = RaftBytes.SnapshotMeta(1, RaftBytes.Configuration((1, "a", 1)));
        badMeta[^1] ^= 1;
        File.WriteAllBytes(dir.File("snapshot-1-30-300"), [1]);
        File.WriteAllBytes(dir.File("snapshot-1-30-300.meta"), badMeta);

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.Equal(3, state.Snapshots.Count);
        Assert.All(state.Snapshots, s => Assert.False(s.IsUsable));
        Assert.All(state.Problems, p => Assert.Equal(RaftProblemSeverity.Warning, p.Severity));
        Assert.Contains(state.Problems, p => p.Message.Contains("snapshot-1-10-100.meta is missing", StringComparison.Ordinal));
        Assert.Contains(state.Problems, p => p.Message.StartsWith("snapshot-1-20-200: the data file is missing", StringComparison.Ordinal));
        Assert.Contains(state.Problems, p => p.Message.Contains("checksum mismatch", StringComparison.Ordinal));
        Assert.Equal(new RaftPosition(1, 122), state.Position);
    }

    [Fact]
    public void EmptyLogFallsBackToTheMetadataTerm()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("metadata2"), RaftBytes.Metadata(8, 4, 3));
        File.WriteAllBytes(dir.File("open-1"), new byte[4096]);

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.Empty(state.Problems);
        Assert.Equal(new RaftPosition(4, 0), state.Position);
        Assert.Equal(RaftPositionSource.Metadata, state.PositionSource);
        Assert.Null(state.Configuration);
    }

    [Fact]
    public void MissingMetadataIsReported()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        File.Delete(dir.File("metadata1"));

        var state = RaftDirectory.Read(dir.Path, Now);

        Assert.Null(state.Metadata);
        Assert.Null(state.CurrentTerm);
        var problem = Assert.Single(state.Problems);
        Assert.Equal(RaftProblemSeverity.Error, problem.Severity);
        Assert.Equal(new RaftPosition(1, 122), state.Position);
    }

    [Fact]
    public void SegmentClosedWhileListingIsReadAgain()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        var closedName = RaftFixtures.Closed(23, 122);
        var renamed = false;

        // What dqlite does when it finalizes an open segment: truncate it to its data and
        // rename it FIRST-END, here between our listing and our opening it.
        void CloseOpenSegment(string name)
        {
            if (name == "open-1" && !renamed)
            {
                renamed = true;
                var bytes = File.ReadAllBytes(dir.File("open-1"));
                File.WriteAllBytes(dir.File(closedName), bytes[..1_144_208]);
                File.Delete(dir.File("open-1"));
            }
        }

        var state = RaftDirectory.Read(dir.Path, Now, CloseOpenSegment);

        Assert.True(renamed);
        Assert.Empty(state.Problems);
        Assert.Equal(closedName, state.Segments[^1].FileName);
        Assert.Equal(RaftSegmentHealth.Ok, state.Segments[^1].Health);
        Assert.Equal(new RaftPosition(1, 122), state.Position);
    }

    [Fact]
    public void FilesThatKeepVanishingAreReportedNotThrown()
    {
        using var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        var counter = 1;

        // Each time an open segment is about to be read, it moves on to the next counter.
        void Churn(string name)
        {
            if (name == $"open-{counter}")
            {
                File.Move(dir.File(name), dir.File($"open-{counter + 1}"));
                counter++;
            }
        }

        var state = RaftDirectory.Read(dir.Path, Now, Churn);

        Assert.Equal(3, counter);
        var problem = Assert.Single(state.Problems);
        Assert.Equal(RaftProblemSeverity.Warning, problem.Severity);
        Assert.Contains("open-2 vanished", problem.Message, StringComparison.Ordinal);
        Assert.Equal(RaftSegmentHealth.Unreadable, state.Segments[^1].Health);
        Assert.Equal(new RaftPosition(1, 22), state.Position);
    }

    private static TempDirectory Node1WithPreallocatedOpenSegments()
    {
        var dir = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, dir.Path);
        File.WriteAllBytes(dir.File("open-1"), RaftFixtures.FullOpenSegment(RaftFixtures.Node1));
        File.WriteAllBytes(dir.File("open-2"), new byte[RaftFixtures.OpenSegmentSize]);
        File.WriteAllBytes(dir.File("open-3"), new byte[RaftFixtures.OpenSegmentSize]);
        return dir;
    }

    private static string Fingerprint(string directory) => string.Join(
        "\n",
        Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).Select(path =>
            $"{Path.GetFileName(path)} {File.GetLastWriteTimeUtc(path):O} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}"));
}
