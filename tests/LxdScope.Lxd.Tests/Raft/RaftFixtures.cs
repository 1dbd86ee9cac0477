using System.IO.Compression;

namespace LxdScope.Lxd.Tests.Raft;

/// <summary>Access to the real raft files in Raft/Fixtures (see its README.md).</summary>
internal static class RaftFixtures
{
    public const string Node1 = "node1";
    public const string Node2 = "node2";

    public const string ClosedFirst = "0000000000000001-0000000000000001";
    public const string ClosedBig = "0000000000000002-0000000000000021";
    public const string ClosedLast = "0000000000000022-0000000000000022";

    // The real open segments are preallocated to 8 MiB (UV__MAX_SEGMENT_SIZE).
    public const int OpenSegmentSize = 8 * 1024 * 1024;

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Raft", "Fixtures");

    /// <summary>The content of a fixture, decompressed if it is stored as .gz.</summary>
    public static byte[] Bytes(string node, string name)
    {
        var path = Path.Combine(Root, node, name);
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }

        using var input = File.OpenRead(path + ".gz");
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>A closed segment name, "%016llu-%016llu".</summary>
    public static string Closed(ulong first, ulong end) => FormattableString.Invariant($"{first:D16}-{end:D16}");

    /// <summary>A fixture open segment padded back to its real 8 MiB with zeros.</summary>
    public static byte[] FullOpenSegment(string node)
    {
        var bytes = Bytes(node, "open-1");
        var full = new byte[OpenSegmentSize];
        bytes.CopyTo(full, 0);
        return full;
    }

    /// <summary>Copies a node's fixtures, decompressed, into <paramref name="target"/>.</summary>
    public static void CopyTo(string node, string target)
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Root, node)))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".md", StringComparison.Ordinal))
            {
                continue;
            }

            var plain = name.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : name;
            File.WriteAllBytes(Path.Combine(target, plain), Bytes(node, plain));
        }
    }
}
