using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Inspection;

/// <summary>Summarises this member's raft directory for the report.</summary>
internal static class RaftFilesReader
{
    /// <exception cref="DirectoryNotFoundException">There is no raft directory.</exception>
    public static RaftFilesReport Read(string globalDir, DateTimeOffset now)
    {
        var state = RaftDirectory.Read(globalDir, now);
        if (!state.Exists)
        {
            throw new DirectoryNotFoundException(string.Join("; ", state.Problems.Select(p => p.Message)));
        }

        var snapshot = state.NewestUsableSnapshot;
        return new RaftFilesReport(
            state.CurrentTerm,
            state.VotedFor,
            state.Segments.Count > 0 ? state.Segments.Min(s => s.FirstIndex) : null,
            state.LastIndex,
            state.LastTerm,
            state.ClosedSegmentCount,
            state.OpenSegmentCount,
            state.Snapshots.Count,
            snapshot?.Index,
            snapshot?.Modified,
            state.Configuration?.Index,
            state.Configuration?.Servers.Select(s => new RaftServerReport(s.Id, s.Address, s.Role.ToDisplay())).ToList() ?? [],
            state.StaleDumpAge is { } age ? Math.Round(age.TotalSeconds, 1) : null,
            // A torn tail in the open segment LXD is writing is normal: notes stay out of the warnings.
            state.Problems.Where(p => p.Severity != RaftProblemSeverity.Note).Select(p => p.ToString()).ToList());
    }
}
