namespace LxdScope.Lxd.Local;

/// <summary>What local.db says, read in one short transaction.</summary>
/// <param name="LockHeld">How long the read held SQLite's SHARED lock, which delays LXD's next commit.</param>
public sealed record LocalSnapshot(
    int SchemaVersion,
    IReadOnlyList<LocalRaftNode> RaftNodes,
    IReadOnlyDictionary<string, string> Config,
    TimeSpan LockHeld)
{
    /// <summary>Bytes read from local.db for this snapshot (whole pages).</summary>
    public long BytesRead { get; init; }

    /// <summary>The address this member answers on for cluster traffic.</summary>
    public string? ClusterAddress =>
        Config.TryGetValue("cluster.https_address", out var a) && a.Length > 0 ? a
        : Config.TryGetValue("core.https_address", out var c) && c.Length > 0 ? c
        : null;
}
