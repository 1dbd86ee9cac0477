using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LxdScope.Lxd.Content;

/// <summary>
/// Hashes of table content that agree wherever the same values are read: every value is written
/// with a type tag and a length, so ("ab", "c") and ("a", "bc") differ, and 1 differs from "1".
/// 128 bits of SHA-256 in hex: collisions are not a practical concern for change detection.
/// </summary>
public static class ContentHash
{
    public static string Table(string sql, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[9];
        AppendText(hash, sql, scratch);
        foreach (var column in columns)
        {
            AppendText(hash, column, scratch);
        }

        foreach (var row in rows)
        {
            scratch[0] = (byte)'R';
            hash.AppendData(scratch[..1]);
            foreach (var value in row)
            {
                AppendValue(hash, value, scratch);
            }
        }

        return Hex(hash);
    }

    public static string Digest(IEnumerable<(string Name, string Hash)> tables, IReadOnlyList<string> schema)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(schema);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[9];
        foreach (var (name, tableHash) in tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            AppendText(hash, name, scratch);
            AppendText(hash, tableHash, scratch);
        }

        foreach (var statement in schema.Order(StringComparer.Ordinal))
        {
            AppendText(hash, statement, scratch);
        }

        return Hex(hash);
    }

    private static void AppendValue(IncrementalHash hash, object? value, Span<byte> scratch)
    {
        switch (value)
        {
            case null:
                scratch[0] = (byte)'N';
                hash.AppendData(scratch[..1]);
                break;
            case long l:
                scratch[0] = (byte)'I';
                BinaryPrimitives.WriteInt64LittleEndian(scratch[1..], l);
                hash.AppendData(scratch[..9]);
                break;
            case double d:
                scratch[0] = (byte)'F';
                BinaryPrimitives.WriteDoubleLittleEndian(scratch[1..], d);
                hash.AppendData(scratch[..9]);
                break;
            case byte[] b:
                scratch[0] = (byte)'B';
                BinaryPrimitives.WriteInt64LittleEndian(scratch[1..], b.LongLength);
                hash.AppendData(scratch[..9]);
                hash.AppendData(b);
                break;
            case string s:
                AppendText(hash, s, scratch);
                break;
            default:
                AppendText(hash, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", scratch);
                break;
        }
    }

    private static void AppendText(IncrementalHash hash, string text, Span<byte> scratch)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        scratch[0] = (byte)'T';
        BinaryPrimitives.WriteInt64LittleEndian(scratch[1..], bytes.LongLength);
        hash.AppendData(scratch[..9]);
        hash.AppendData(bytes);
    }

    private static string Hex(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
}
