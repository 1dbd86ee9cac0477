using System.Buffers.Binary;
using System.IO.Compression;

namespace LxdScope.Lxd.Tests.Forensics;

/// <summary>Access to the real raft directory in Forensics/Fixtures (see its README.md).</summary>
internal static class ForensicsFixtures
{
    public const string SnapshotNode1 = "snapshot-node1";
    public const string Snapshot = "snapshot-1-1024-8417772";
    public const string Open = "open-3";
    public const ulong SnapshotIndex = 1024;
    public const ulong LastIndex = 1180;

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Forensics", "Fixtures");

    /// <summary>Copies the fixture directory, decompressed, into <paramref name="target"/>.</summary>
    public static void CopyTo(string target, string node = SnapshotNode1)
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Root, node)))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var input = File.OpenRead(path);
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                using var output = File.Create(Path.Combine(target, name[..^3]));
                gzip.CopyTo(output);
            }
            else
            {
                File.Copy(path, Path.Combine(target, name));
            }
        }
    }

    /// <summary>The batches of a segment: byte offset, byte length and entry count of each.</summary>
    public static List<(int Offset, int Length, int Entries)> Batches(byte[] segment)
    {
        var batches = new List<(int, int, int)>();
        var at = 8;
        while (at + 16 <= segment.Length)
        {
            var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(segment.AsSpan(at + 8));
            if (n == 0)
            {
                break;
            }

            var length = 16 + (n * 16);
            for (var i = 0; i < n; i++)
            {
                var size = BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan(at + 16 + (i * 16) + 12));
                length += (int)((size + 7) & ~7u);
            }

            batches.Add((at, length, n));
            at += length;
        }

        return batches;
    }

    /// <summary>A segment file made of the format word and the given batches of <paramref name="segment"/>.</summary>
    public static byte[] Segment(byte[] segment, IEnumerable<(int Offset, int Length, int Entries)> batches)
    {
        using var output = new MemoryStream();
        output.Write(segment, 0, 8);
        foreach (var (offset, length, _) in batches)
        {
            output.Write(segment, offset, length);
        }

        return output.ToArray();
    }
}
