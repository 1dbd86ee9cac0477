namespace LxdScope.Lxd.Inspection;

/// <summary>
/// One member's view of its cluster: what <c>lxdscope inspect</c> prints and what the agent
/// reports. Its JSON form is a documented contract (docs/inspect-json.md).
/// </summary>
public sealed record ClusterReport
{
    /// <summary>"live" (LXD's database answered) or "files" (local.db, raft files and probes only).</summary>
    public required string Source { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required string LxdDir { get; init; }

    /// <summary>Null when LXD's API did not answer.</summary>
    public ServerSummary? Server { get; init; }

    public string? ThisMember { get; init; }

    public required double OfflineThresholdSeconds { get; init; }

    public required IReadOnlyList<MemberReport> Members { get; init; }

    public required RaftReport Raft { get; init; }

    public LocalReport? Local { get; init; }

    public RaftFilesReport? Files { get; init; }

    /// <summary>
    /// Set when LXD could not answer and the members were read from the global database rebuilt
    /// from this member's raft files; null otherwise.
    /// </summary>
    public GlobalFromFilesReport? GlobalFromFiles { get; init; }

    /// <summary>What an operator should look at, most serious first.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Sources that could not be read, and why.</summary>
    public required IReadOnlyList<string> Errors { get; init; }
}
