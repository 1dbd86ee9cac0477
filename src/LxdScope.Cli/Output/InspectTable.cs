using System.Globalization;
using System.Text;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Inspection;
using LxdScope.Lxd.Sql;

namespace LxdScope.Cli.Output;

/// <summary>The one-screen text form of a <see cref="ClusterReport"/>, its member table laid out like <c>lxc cluster list</c>.</summary>
internal static class InspectTable
{
    public static string Render(ClusterReport report)
    {
        var sb = new StringBuilder();
        var product = report.Server is { } s ? $"{(s.Product == "incus" ? "Incus" : "LXD")} {s.Version}" : "LXD (not answering)";
        var who = report.ThisMember is { } me ? $" seen from {me}" : "";
        sb.Append(CultureInfo.InvariantCulture, $"{product} cluster{who} — source: {report.Source}")
            .Append(report.Source == "live" ? " (the cluster database answered)\n" : " (local.db, raft files and TCP probes; LXD's database did not answer)\n");

        var headers = new[] { "NAME", "ADDRESS", "ROLES", "STATE", "HEARTBEAT", "MESSAGE" };
        var rows = report.Members.Select(m => (IReadOnlyList<string>)
        [
            m.Name,
            m.Address,
            string.Join('\n', m.Roles),
            m.State,
            m.HeartbeatAgeSeconds is { } age ? string.Create(CultureInfo.InvariantCulture, $"{age:0.0}s ago") : "-",
            m.Message,
        ]);
        sb.Append(LxdSqlTable.Render(headers, rows, rowLines: true));
        if (report.GlobalFromFiles is { } rebuilt)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Global database: {rebuilt.AsOf} (rebuilt from this member's raft files")
                .Append(rebuilt.SnapshotIndex > 0 ? string.Create(CultureInfo.InvariantCulture, $", snapshot at index {rebuilt.SnapshotIndex}") : "")
                .Append(CultureInfo.InvariantCulture, $"; schema {rebuilt.SchemaVersion}); names, roles and versions come from it, states from TCP probes\n");
        }

        var r = report.Raft;
        sb.Append(CultureInfo.InvariantCulture, $"Database: {(r.Quorum ? "quorum OK" : "QUORUM LOST")} — {r.VotersOnline} of {r.Voters} voters alive, failure tolerance {r.FailureTolerance}")
            .Append(r.Leader is { } leader ? $", leader {leader}" : ", leader unknown")
            .Append(CultureInfo.InvariantCulture, $" ({r.QuorumBasis})\n");
        if (r.UnreachableVoters.Count > 0)
        {
            sb.Append("Unreachable voters: ").Append(string.Join(", ", r.UnreachableVoters)).Append('\n');
        }

        sb.Append("Raft here: ")
            .Append(r.Term is { } term ? $"term {term}" : "term unknown")
            .Append(r.LastIndex is { } index ? $", last index {index}" : ", last index unknown")
            .Append(r.LastTerm is { } lastTerm ? $" (entry term {lastTerm})" : "")
            .Append(r.ThisMemberRole is { } role ? $", role {role}" : "")
            .Append(CultureInfo.InvariantCulture, $"; offline threshold {report.OfflineThresholdSeconds:0} s\n");
        if (report.Files?.StaleDumpAgeSeconds is { } dumpAge)
        {
            // LXD writes db.bin only when a voter stops or clustering is enabled: it is never current.
            sb.Append("Note: database/global/db.bin is a stale dump (")
                .Append(MemberRules.FormatAge(TimeSpan.FromSeconds(dumpAge)))
                .Append(" old), not the live database.\n");
        }

        AppendList(sb, "Warnings", report.Warnings);
        AppendList(sb, "Errors", report.Errors);
        return sb.ToString();
    }

    private static void AppendList(StringBuilder sb, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        sb.Append(title).Append(":\n");
        foreach (var line in lines)
        {
            sb.Append("  - ").Append(line).Append('\n');
        }
    }
}
