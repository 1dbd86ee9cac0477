using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace LxdScope.Collector.Mirrors;

/// <summary>How a mirrored table's rows are kept in either store: the agent's JSON, gzip'd.</summary>
internal static class MirrorRows
{
    public static byte[] Gzip(JsonElement rows)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(rows.GetRawText()));
        }

        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
