using LxdScope.Contracts;

namespace LxdScope.Collector.Mirrors;

/// <summary>Applies a report's database content to the mirrors through a store's writer: the plan, executed.</summary>
internal static class MirrorRecorder
{
    /// <returns>The databases whose content did not match what the mirror holds and must be sent in full.</returns>
    public static IReadOnlyList<string> Record(AgentReport report, DateTimeOffset receivedAt, IMirrorWriter writer)
    {
        var resend = new List<string>();
        if (report.Content is not { } content)
        {
            return resend;
        }

        if (content.Local is { } local && !Apply(writer, new MirrorKey(report.Cluster, "local", report.Member ?? report.AgentId), local, report.AgentId, receivedAt))
        {
            resend.Add("local");
        }

        if (content.Global is { } global && !Apply(writer, new MirrorKey(report.Cluster, "global", ""), global, report.AgentId, receivedAt))
        {
            resend.Add("global");
        }

        return resend;
    }

    private static bool Apply(IMirrorWriter writer, MirrorKey key, DatabaseContent content, string agentId, DateTimeOffset receivedAt)
    {
        writer.Begin(key);
        var plan = MirrorPlanner.Plan(writer.Head(key), content, agentId, receivedAt);
        foreach (var version in plan.Writes)
        {
            writer.Insert(key, version);
        }

        if (plan.Confirmation is { } confirmation)
        {
            writer.Confirm(key, confirmation);
        }

        return plan.Matches;
    }
}
