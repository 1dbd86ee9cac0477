namespace LxdScope.Lxd.Inspection;

/// <param name="LiveTimeout">How long LXD gets to answer each API call. A daemon without quorum accepts
/// the connection and hangs, so this bounds the whole inspection.</param>
/// <param name="ConnectTimeout">TCP connect timeout per member address.</param>
/// <param name="RebuildTimeout">When LXD does not answer: how long rebuilding the global database from the raft
/// files may take (0.2 s for 10,000 instances; a bigger database is left to <c>lxdscope forensics rebuild</c>).</param>
public sealed record InspectOptions(TimeSpan LiveTimeout, TimeSpan ConnectTimeout, TimeSpan RebuildTimeout)
{
    /// <summary>Answers within 5 s even when LXD hangs: 3 s for LXD plus a second of probing, in parallel.</summary>
    public static readonly InspectOptions Default = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
}
