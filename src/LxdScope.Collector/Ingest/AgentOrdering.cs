namespace LxdScope.Collector.Ingest;

/// <summary>
/// Keeps one agent's reports in order from the store to the sink: the sink must see them in the
/// order the store accepted them, even when an agent's retry races its original request.
/// </summary>
internal sealed class AgentOrdering
{
    private readonly Lock[] stripes = Enumerable.Range(0, 64).Select(_ => new Lock()).ToArray();

    public Lock For(string agentId) =>
        stripes[(uint)StringComparer.Ordinal.GetHashCode(agentId) % (uint)stripes.Length];
}
