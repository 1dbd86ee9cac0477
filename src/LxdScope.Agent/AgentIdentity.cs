namespace LxdScope.Agent;

/// <summary>Who is reporting: this host's agent id and the cluster its token belongs to.</summary>
internal sealed record AgentIdentity(string AgentId, string Cluster);
