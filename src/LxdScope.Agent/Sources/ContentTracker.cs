using System.Buffers;
using System.Text.Json;
using LxdScope.Contracts;
using LxdScope.Lxd.Content;

namespace LxdScope.Agent.Sources;

/// <summary>
/// Remembers what one database looked like when it was last sent, and turns a new read into the
/// smallest <see cref="DatabaseContent"/> that keeps the collector's copy exact: changed tables
/// in full, the others by hash, or the digest alone when nothing changed.
/// </summary>
public sealed class ContentTracker
{
    private Dictionary<string, string> sent = new(StringComparer.Ordinal);
    private string? sentDigest;

    internal DateTimeOffset? LastSent { get; private set; }

    /// <param name="full">Every table with its rows: the collector asked, or nothing was sent before.</param>
    public DatabaseContent Next(DatabaseSnapshot snapshot, DateTimeOffset readAt, bool full)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        full |= sentDigest is null;
        DatabaseContent content;
        if (!full && snapshot.Digest == sentDigest)
        {
            content = new DatabaseContent(readAt, snapshot.Digest, null, null);
        }
        else
        {
            var tables = snapshot.Tables.Select(t => full || !sent.TryGetValue(t.Name, out var hash) || hash != t.Hash
                ? new TableContent(t.Name, t.Hash, t.Sql, t.Columns, Encode(t.Rows))
                : new TableContent(t.Name, t.Hash, null, null, null)).ToList();
            content = new DatabaseContent(readAt, snapshot.Digest, tables, snapshot.Schema);
        }

        sent = snapshot.Tables.ToDictionary(t => t.Name, t => t.Hash, StringComparer.Ordinal);
        sentDigest = snapshot.Digest;
        LastSent = readAt;
        return content;
    }

    /// <summary>The digest alone, for a database known not to have changed since it was last sent.</summary>
    internal DatabaseContent? Unchanged(DateTimeOffset readAt)
    {
        if (sentDigest is null)
        {
            return null;
        }

        LastSent = readAt;
        return new DatabaseContent(readAt, sentDigest, null, null);
    }

    private static JsonElement Encode(IReadOnlyList<object?[]> rows)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (var value in row)
                {
                    SqlValueJson.Write(writer, value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
