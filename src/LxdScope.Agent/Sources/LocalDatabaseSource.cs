using LxdScope.Contracts;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Raft;

namespace LxdScope.Agent.Sources;

/// <summary>local.db: schema, this member's address, its copy of the raft membership.</summary>
internal sealed class LocalDatabaseSource : IAgentSource
{
    public string Name => "local";

    public Task CollectAsync(CollectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var snapshot = LocalDatabase.Read(context.Directory.LocalDatabasePath);
        context.CountFileBytes(snapshot.BytesRead);
        context.Local = new LocalDatabaseSection(
            snapshot.SchemaVersion,
            snapshot.ClusterAddress,
            snapshot.RaftNodes.Select(n => new RaftNodeInfo(n.Id, n.Address, n.Role.ToDisplay(), n.Name)).ToList(),
            snapshot.LockHeld.TotalSeconds);
        return Task.CompletedTask;
    }
}
