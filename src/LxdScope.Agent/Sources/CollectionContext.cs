using LxdScope.Contracts;
using LxdScope.Lxd;
using LxdScope.Lxd.Api;

namespace LxdScope.Agent.Sources;

/// <summary>
/// What one cycle's sources share: where LXD is, one socket client, and the sections filled
/// so far. Sources of the first group run in parallel and each writes only its own section;
/// the reachability source runs after them and reads the member list they found.
/// </summary>
internal sealed class CollectionContext(LxdDirectory directory, LxdSocketClient client, TimeProvider clock)
{
    private long fileBytesRead;

    public LxdDirectory Directory { get; } = directory;

    public LxdSocketClient Client { get; } = client;

    public TimeProvider Clock { get; } = clock;

    public LocalDatabaseSection? Local { get; set; }

    public GlobalDatabaseSection? Global { get; set; }

    public RaftFilesSection? Raft { get; set; }

    public ReachabilitySection? Reachability { get; set; }

    public InstancesSection? Instances { get; set; }

    public DatabaseContent? LocalContent { get; set; }

    public DatabaseContent? GlobalContent { get; set; }

    public FanSection? Fan { get; set; }

    /// <summary>Bytes read from LXD's files this cycle (local.db, raft files, cluster.crt); LXD's API counts its own in <see cref="Client"/>.</summary>
    public long FileBytesRead => Interlocked.Read(ref fileBytesRead);

    public void CountFileBytes(long bytes) => Interlocked.Add(ref fileBytesRead, bytes);

    /// <summary>This member's name, from LXD's API or local.db, whichever answered.</summary>
    public string? Member { get; set; }

    /// <summary>This member's name: LXD's API's, else the raft_nodes row of local.db at this member's cluster address (LXD down).</summary>
    public string? MemberName =>
        Member ?? Local?.RaftNodes.FirstOrDefault(n => n.Address == Local.ClusterAddress && n.Name.Length > 0)?.Name;

    /// <summary>Members by address, as far as this host knows them: the global view, else raft_nodes.</summary>
    public IReadOnlyList<(string? Name, string Address)> KnownMembers()
    {
        if (Global is { Members.Count: > 0 } global)
        {
            return global.Members.Select(m => ((string?)m.Name, m.Address)).ToList();
        }

        return Local?.RaftNodes.Select(n => ((string?)(n.Name.Length > 0 ? n.Name : null), n.Address)).ToList() ?? [];
    }
}
