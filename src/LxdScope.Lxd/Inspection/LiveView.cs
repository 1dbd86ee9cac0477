using LxdScope.Lxd.Api;
using LxdScope.Lxd.Global;

namespace LxdScope.Lxd.Inspection;

/// <summary>What LXD itself answered: the server, the global database and its member list.</summary>
internal sealed record LiveView(ServerInfo Server, GlobalSnapshot Global, IReadOnlyList<ClusterMember> Members);
