namespace LxdScope.Agent.Push;

/// <summary>The spool's state file (<c>state.json</c>): what must survive a restart besides the reports.</summary>
/// <param name="Epoch">Random; a new one whenever the state is lost, so sequence numbers may start again.</param>
/// <param name="NextSequence">The next sequence number <see cref="ReportSpool.Reserve"/> hands out.</param>
/// <param name="DroppedTotal">Reports dropped because the spool was full, ever (within this state).</param>
/// <param name="QuarantinedTotal">Report files found unreadable or torn and renamed to <c>*.bad</c>.</param>
internal sealed record SpoolState(string Epoch, long NextSequence, long DroppedTotal, long QuarantinedTotal);
