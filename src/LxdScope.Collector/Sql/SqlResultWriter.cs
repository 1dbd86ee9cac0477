using System.Text.Json;
using LxdScope.Lxd.Content;

namespace LxdScope.Collector.Sql;

/// <summary>
/// Writes a query result straight to the response: values as they came from SQLite, without the
/// per-value type lookup that serializing <c>object</c> costs (it tripled the time of a
/// 1,000-row answer in bench/ConsoleBench).
/// </summary>
internal static class SqlResultWriter
{
    public static async Task WriteAsync(Stream body, SqlQueryResult result, CancellationToken ct)
    {
        // Into memory first (bounded by the console's result cap), then out in one asynchronous write:
        // the serializer flushes synchronously, which Kestrel refuses on a response stream.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        await using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("cluster", result.Cluster);
        writer.WriteString("database", result.Database);
        WriteNullable(writer, "member", result.Member);
        writer.WriteStartArray("columns");
        foreach (var column in result.Columns)
        {
            writer.WriteStringValue(column);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            writer.WriteStartArray();
            foreach (var value in row)
            {
                SqlValueJson.Write(writer, value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteNumber("row_count", result.RowCount);
        writer.WriteBoolean("truncated", result.Truncated);
        writer.WriteNumber("elapsed_ms", result.ElapsedMs);
        writer.WritePropertyName("snapshot");
        JsonSerializer.Serialize(writer, result.Snapshot, SqlJson.Default.SqlSnapshotInfo);
        writer.WritePropertyName("snapshots");
        if (result.Snapshots is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(writer, result.Snapshots.ToList(), SqlJson.Default.ListSqlSnapshotInfo);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(ct);
        await body.WriteAsync(buffer.WrittenMemory, ct);
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
