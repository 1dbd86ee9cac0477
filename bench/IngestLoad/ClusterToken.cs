namespace LxdScope.Bench.IngestLoad;

/// <summary>An agent token and the cluster the collector accepts it for.</summary>
public sealed record ClusterToken(string Cluster, string Token);
