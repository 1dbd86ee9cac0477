namespace LxdScope.Lxd.Raft;

/// <summary>Running totals while <see cref="RaftSegment"/> walks one segment.</summary>
internal sealed class RaftSegmentWalk(ulong firstIndex)
{
    public ulong Format { get; set; }

    public long EntryCount { get; private set; }

    public long BatchCount { get; set; }

    public long ValidLength { get; set; }

    public ulong NextIndex => unchecked(firstIndex + (ulong)EntryCount);

    private ulong? LastTerm { get; set; }

    private RaftConfiguration? LastConfiguration { get; set; }

    private string? ConfigurationError { get; set; }

    public void Add(RaftEntry entry, Action<RaftEntry>? onEntry)
    {
        if (entry.Type == RaftEntryType.Change)
        {
            if (RaftConfiguration.TryDecode(entry.Payload.Span, entry.Index, out var configuration, out var error))
            {
                LastConfiguration = configuration;
            }
            else
            {
                ConfigurationError = $"configuration entry {entry.Index}: {error}";
            }
        }

        LastTerm = entry.Term;
        EntryCount++;
        onEntry?.Invoke(entry);
    }

    public RaftSegmentSummary Stop(RaftSegmentEnd end, string detail) => new(
        Format, firstIndex, EntryCount, BatchCount, LastTerm, LastConfiguration, ConfigurationError, end, ValidLength, detail);
}
