using LxdScope.Lxd.Local;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Health;

/// <summary>
/// Compares this member's raft_nodes (a copy refreshed by the leader's heartbeats, stale on an
/// isolated member) with what the cluster says: the database roles LXD reports, or the raft
/// configuration in the log. Members are matched by address, since raft ids equal nodes.id only
/// from LXD 4.0 on.
/// </summary>
public static class MembershipCheck
{
    /// <param name="cluster">address → role as the cluster sees it.</param>
    /// <param name="clusterSource">Named in the messages: "the cluster", "the raft log".</param>
    public static IReadOnlyList<string> Compare(
        IReadOnlyList<LocalRaftNode> local,
        IReadOnlyDictionary<string, RaftRole> cluster,
        string clusterSource)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(cluster);
        var found = new List<string>();
        var localByAddress = local.ToDictionary(n => n.Address, StringComparer.Ordinal);
        foreach (var node in local)
        {
            var who = node.Name.Length > 0 ? $"{node.Name} ({node.Address})" : node.Address;
            if (!cluster.TryGetValue(node.Address, out var role))
            {
                found.Add($"raft_nodes lists {who} as {node.Role.ToDisplay()}, but {clusterSource} does not have it");
            }
            else if (role != node.Role)
            {
                found.Add($"raft_nodes lists {who} as {node.Role.ToDisplay()}, {clusterSource} says {role.ToDisplay()}");
            }
        }

        foreach (var (address, role) in cluster.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!localByAddress.ContainsKey(address))
            {
                found.Add($"{clusterSource} has {address} as {role.ToDisplay()}, but raft_nodes does not list it");
            }
        }

        return found;
    }
}
