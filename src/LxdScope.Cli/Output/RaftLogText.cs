using System.Globalization;
using System.Text;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Raft;

namespace LxdScope.Cli.Output;

/// <summary>The text of <c>forensics log</c> and <c>forensics diff</c>: one line per entry, the changed rows indented below.</summary>
internal static class RaftLogText
{
    public static string Render(RaftLogTimeline log)
    {
        var text = new StringBuilder();
        var start = log.StartSnapshot is { } snapshot
            ? $"the database from snapshot {snapshot} (index {log.StartIndex}, term {log.StartTerm})"
            : "the database from the log's first entry";
        text.Append(Invariant($"Raft log of {log.Directory}: entries {log.FromIndex} to {log.ToIndex} (last on disk {log.LastIndexOnDisk}), {start}\n"));
        if (log.StartMembership is { } members)
        {
            text.Append(Invariant($"Membership at index {log.StartIndex}: {Members(members)}\n"));
        }

        text.Append("INDEX    TERM  ENTRY          DATABASE  CHANGES\n");
        foreach (var entry in log.Entries)
        {
            text.Append(Invariant($"{entry.Index,5}  {entry.Term,6}  {Kind(entry.Kind),-13}  {entry.Database ?? "-",-8}  {Changes(entry)}").TrimEnd()).Append('\n');
            foreach (var table in entry.Tables)
            {
                Rows(text, table);
            }
        }

        if (log.Entries.Count == 0)
        {
            text.Append("(no entries)\n");
        }

        return text.ToString();
    }

    public static string Render(RaftLogDiff diff)
    {
        var text = new StringBuilder();
        text.Append(Invariant($"Global database of {diff.Directory}: index {diff.FromIndex} against index {diff.ToIndex} ({diff.Transactions} transactions between)\n"));
        foreach (var table in diff.Tables)
        {
            text.Append(Table(table)).Append('\n');
            Rows(text, table);
        }

        if (diff.Tables.Count == 0)
        {
            text.Append("no rows differ\n");
        }

        return text.ToString();
    }

    public static string Kind(RaftLogEntryKind kind) => kind switch
    {
        RaftLogEntryKind.Commit => "commit",
        RaftLogEntryKind.Frames => "frames",
        RaftLogEntryKind.Undo => "undo",
        RaftLogEntryKind.Open => "open",
        RaftLogEntryKind.Checkpoint => "checkpoint",
        RaftLogEntryKind.Barrier => "barrier",
        RaftLogEntryKind.Configuration => "configuration",
        RaftLogEntryKind.Snapshot => "snapshot",
        _ => kind.ToString(),
    };

    private static string Changes(RaftLogEntry entry)
    {
        var parts = new List<string>();
        switch (entry.Kind)
        {
            case RaftLogEntryKind.Commit:
                parts.Add(entry.Tables.Count == 0 && entry.Note is null ? "no rows changed" : string.Join("; ", entry.Tables.Select(Table)));
                break;
            case RaftLogEntryKind.Frames:
                parts.Add(Invariant($"{entry.Pages} pages of transaction {entry.TxId}, held until it commits"));
                break;
            case RaftLogEntryKind.Undo:
                parts.Add(Invariant($"transaction {entry.TxId} dropped"));
                break;
            case RaftLogEntryKind.Configuration when entry.Membership is { } members:
                parts.Add(string.Join("; ", entry.MembershipChanges.Select(Change)) + " => " + Members(members, entry.MemberNames));
                break;
            case RaftLogEntryKind.Snapshot when entry.Membership is { } members:
                parts.Add("membership " + Members(members));
                break;
        }

        if (entry.Note is { } note)
        {
            parts.Add(note);
        }

        return string.Join("; ", parts.Where(p => p.Length > 0));
    }

    private static string Table(TableChange table)
    {
        if (!table.RowsCounted)
        {
            return $"{table.Table}: changed (a WITHOUT ROWID table: rows not counted)";
        }

        var counts = new List<string>();
        Count(counts, table.Inserted, "inserted");
        Count(counts, table.Deleted, "deleted");
        Count(counts, table.Updated, "updated");
        return $"{table.Table}: {string.Join(", ", counts)}";
    }

    private static void Count(List<string> counts, int n, string what)
    {
        if (n > 0)
        {
            counts.Add(Invariant($"{n} {what}"));
        }
    }

    private static void Rows(StringBuilder text, TableChange table)
    {
        foreach (var row in table.Rows)
        {
            text.Append(Invariant($"    {Sign(row.Kind)} {table.Table} rowid {row.RowId}: "));
            if (row.Kind == RowChangeKind.Updated)
            {
                var after = row.After!.ToDictionary(v => v.Column, v => v.Value);
                var changed = row.Before!.Where(v => !Equals(SqlLiteral.Of(v.Value), SqlLiteral.Of(after.GetValueOrDefault(v.Column))));
                text.AppendJoin(", ", changed.Select(v => $"{v.Column} {SqlLiteral.Of(v.Value)} -> {SqlLiteral.Of(after.GetValueOrDefault(v.Column))}"));
            }
            else
            {
                text.AppendJoin(", ", (row.After ?? row.Before)!.Select(v => $"{v.Column}={SqlLiteral.Of(v.Value)}"));
            }

            text.Append('\n');
        }
    }

    private static char Sign(RowChangeKind kind) => kind switch
    {
        RowChangeKind.Inserted => '+',
        RowChangeKind.Deleted => '-',
        _ => '~',
    };

    private static string Change(MembershipChange change)
    {
        var who = Who(change.Id, change.Name);
        return (change.Before, change.After) switch
        {
            (null, { } role) => $"{who} {change.Address} joins as {role.ToDisplay()}",
            ({ } role, null) => $"{who} {change.Address} ({role.ToDisplay()}) removed",
            ({ } was, { } now) when was != now => $"{who} {change.Address} {was.ToDisplay()} -> {now.ToDisplay()}",
            _ => $"{who} now at {change.Address}",
        };
    }

    /// <summary>Raft id, then the member's name where the database gives one, then address and role.</summary>
    public static string Members(RaftConfiguration configuration, IReadOnlyDictionary<string, string>? names = null) =>
        string.Join(", ", configuration.Servers.Select(s => $"{Who(s.Id, names?.GetValueOrDefault(s.Address))} {s.Address} {s.Role.ToDisplay()}"));

    private static string Who(ulong id, string? name) =>
        name is null ? id.ToString(CultureInfo.InvariantCulture) : Invariant($"{id} {name}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
