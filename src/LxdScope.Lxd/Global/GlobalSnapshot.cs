namespace LxdScope.Lxd.Global;

/// <summary>What the global database says about the cluster's members at one moment.</summary>
/// <param name="OfflineThreshold">cluster.offline_threshold, LXD's default 20 s when unset or unparseable.</param>
public sealed record GlobalSnapshot(
    GlobalSchema Schema,
    IReadOnlyList<GlobalMember> Members,
    TimeSpan OfflineThreshold)
{
    public static readonly TimeSpan DefaultOfflineThreshold = TimeSpan.FromSeconds(20);

    /// <summary>The threshold a cluster.offline_threshold value means, as LXD reads it.</summary>
    public static TimeSpan ParseOfflineThreshold(string? value) =>
        int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultOfflineThreshold;
}
