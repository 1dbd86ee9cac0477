namespace LxdScope.Collector.Mirrors;

/// <summary>What applying one database's content to its mirror takes: table versions to write, then the confirmation if the content matches.</summary>
/// <param name="Confirmation">Null when the mirror does not hold what the agent read, even after the writes: the agent must send it in full.</param>
internal sealed record MirrorPlan(IReadOnlyList<TableVersion> Writes, MirrorConfirmation? Confirmation)
{
    public bool Matches => Confirmation is not null;
}
