namespace LxdScope.Contracts;

/// <summary>
/// One collection cycle of one agent, pushed to <c>POST /api/v1/reports</c> as gzip'd JSON.
/// A section is null when its collector is switched off or failed; <see cref="Collectors"/> says which.
/// </summary>
public sealed record AgentReport
{
    /// <summary>The contract version; the collector refuses versions it does not know.</summary>
    public int Version { get; init; } = CurrentVersion;

    public const int CurrentVersion = 1;

    /// <summary>Stable per host (configuration, else the machine id).</summary>
    public required string AgentId { get; init; }

    /// <summary>The cluster name the agent's token was issued for.</summary>
    public required string Cluster { get; init; }

    /// <summary>
    /// Changes when the agent loses its spool state; sequence numbers restart within a new epoch.
    /// </summary>
    public required string Epoch { get; init; }

    /// <summary>Increases by one per report within an epoch; the collector counts each once.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the cycle started and ended, by the agent's clock.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset CollectedAt { get; init; }

    /// <summary>This host's member name and cluster address, when known.</summary>
    public string? Member { get; init; }

    public string? Address { get; init; }

    public required IReadOnlyList<CollectorResult> Collectors { get; init; }

    public LocalDatabaseSection? Local { get; init; }

    public GlobalDatabaseSection? Global { get; init; }

    public RaftFilesSection? Raft { get; init; }

    public ReachabilitySection? Reachability { get; init; }

    public InstancesSection? Instances { get; init; }

    /// <summary>Database content for the SQL console; null when not due this cycle.</summary>
    public DatabaseContentSection? Content { get; init; }

    public required AgentSelfSection Self { get; init; }
}
