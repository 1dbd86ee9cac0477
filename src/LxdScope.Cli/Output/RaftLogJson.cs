using System.Text;
using System.Text.Json;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Raft;

namespace LxdScope.Cli.Output;

/// <summary>
/// The <c>--format json</c> documents of <c>forensics log</c> and <c>forensics diff</c>, written
/// directly: row values are typed as the database holds them (numbers, strings, null, blobs as
/// <c>{"blob": "hex"}</c>), which a fixed record cannot say.
/// </summary>
internal static class RaftLogJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static string Render(RaftLogTimeline log) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("directory", log.Directory);
        w.WriteStartObject("start");
        w.WriteNumber("index", log.StartIndex);
        w.WriteNumber("term", log.StartTerm);
        w.WriteString("snapshot", log.StartSnapshot);
        Membership(w, "membership", log.StartMembership);
        w.WriteEndObject();
        w.WriteNumber("from_index", log.FromIndex);
        w.WriteNumber("to_index", log.ToIndex);
        w.WriteNumber("last_index_on_disk", log.LastIndexOnDisk);
        w.WriteStartArray("entries");
        foreach (var entry in log.Entries)
        {
            w.WriteStartObject();
            w.WriteNumber("index", entry.Index);
            w.WriteNumber("term", entry.Term);
            w.WriteString("kind", RaftLogText.Kind(entry.Kind));
            w.WriteString("database", entry.Database);
            w.WriteNumber("tx_id", entry.TxId);
            w.WriteNumber("pages", entry.Pages);
            Tables(w, entry.Tables);
            Membership(w, "membership", entry.Membership, entry.Kind == RaftLogEntryKind.Configuration ? entry.MemberNames : null);
            w.WriteStartArray("membership_changes");
            foreach (var change in entry.MembershipChanges)
            {
                w.WriteStartObject();
                w.WriteNumber("id", change.Id);
                w.WriteString("name", change.Name);
                w.WriteString("address", change.Address);
                w.WriteString("before", change.Before?.ToDisplay());
                w.WriteString("after", change.After?.ToDisplay());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("note", entry.Note);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Strings(w, "warnings", log.Warnings);
        w.WriteString("stop_reason", log.StopReason);
        w.WriteEndObject();
    });

    public static string Render(RaftLogDiff diff) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("directory", diff.Directory);
        w.WriteNumber("from_index", diff.FromIndex);
        w.WriteNumber("to_index", diff.ToIndex);
        w.WriteNumber("transactions", diff.Transactions);
        Tables(w, diff.Tables);
        Strings(w, "warnings", diff.Warnings);
        w.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Tables(Utf8JsonWriter w, IReadOnlyList<TableChange> tables)
    {
        w.WriteStartArray("tables");
        foreach (var table in tables)
        {
            w.WriteStartObject();
            w.WriteString("table", table.Table);
            w.WriteNumber("inserted", table.Inserted);
            w.WriteNumber("deleted", table.Deleted);
            w.WriteNumber("updated", table.Updated);
            w.WriteBoolean("rows_counted", table.RowsCounted);
            w.WriteStartArray("rows");
            foreach (var row in table.Rows)
            {
                w.WriteStartObject();
                w.WriteNumber("rowid", row.RowId);
                w.WriteString("change", row.Kind.ToString().ToLowerInvariant());
                Values(w, "before", row.Before);
                Values(w, "after", row.After);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Values(Utf8JsonWriter w, string name, IReadOnlyList<ColumnValue>? values)
    {
        if (values is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        foreach (var value in values)
        {
            switch (value.Value)
            {
                case null:
                    w.WriteNull(value.Column);
                    break;
                case long l:
                    w.WriteNumber(value.Column, l);
                    break;
                case double d when double.IsFinite(d):
                    w.WriteNumber(value.Column, d);
                    break;
                case string s:
                    w.WriteString(value.Column, s);
                    break;
                case byte[] b:
                    w.WriteStartObject(value.Column);
                    w.WriteString("blob", Convert.ToHexStringLower(b));
                    w.WriteEndObject();
                    break;
                default:
                    w.WriteString(value.Column, SqlLiteral.Of(value.Value));
                    break;
            }
        }

        w.WriteEndObject();
    }

    // With names (configuration entries), each member also carries its name or null; without, no name field.
    private static void Membership(Utf8JsonWriter w, string name, RaftConfiguration? configuration, IReadOnlyDictionary<string, string>? names = null)
    {
        if (configuration is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartArray(name);
        foreach (var server in configuration.Servers)
        {
            w.WriteStartObject();
            w.WriteNumber("id", server.Id);
            if (names is not null)
            {
                w.WriteString("name", names.GetValueOrDefault(server.Address));
            }

            w.WriteString("address", server.Address);
            w.WriteString("role", server.Role.ToDisplay());
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
