using System.Globalization;
using System.Text.Json;

namespace LxdScope.Lxd.Content;

/// <summary>
/// SQL values (null, long, double, string, byte[]) to JSON and back, the one way LxdScope writes
/// them everywhere: mirrored rows, console answers, diffs. Blobs travel as base64 text; a
/// non-finite double as its text (JSON has no NaN).
/// </summary>
public static class SqlValueJson
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case double d: writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); break;
            case string s: writer.WriteStringValue(s); break;
            case byte[] b: writer.WriteBase64StringValue(b); break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>The value a JSON element holds: null, long (integral numbers), double, string, or the raw text of anything else.</summary>
    public static object? Read(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt64(out var l) => l,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
