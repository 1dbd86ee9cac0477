namespace LxdScope.Fan.Decoding;

/// <summary>How many frames ended in each <see cref="DecodeStatus"/>; the counts behind "nothing was thrown away silently".</summary>
public sealed class DecodeCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<DecodeStatus>().Length];

    public long Total { get; private set; }

    public void Count(DecodeStatus status)
    {
        _counts[(int)status]++;
        Total++;
    }

    public long this[DecodeStatus status] => _counts[(int)status];

    public long Vxlan => Enum.GetValues<DecodeStatus>().Where(s => s.IsVxlan()).Sum(s => _counts[(int)s]);

    /// <summary>The non-zero counts, in enum order.</summary>
    public IEnumerable<KeyValuePair<DecodeStatus, long>> NonZero() =>
        Enum.GetValues<DecodeStatus>().Where(s => _counts[(int)s] != 0).Select(s => KeyValuePair.Create(s, _counts[(int)s]));
}
