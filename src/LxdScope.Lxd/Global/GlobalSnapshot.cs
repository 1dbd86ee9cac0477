namespace LxdScope.Lxd.Global;

/// <summary>What the global database says about the cluster at one moment.</summary>
public sealed record GlobalSnapshot(
    GlobalSchema Schema,
    IReadOnlyList<GlobalMember> Members,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyList<InstanceCount> Instances)
{
    public static readonly TimeSpan DefaultOfflineThreshold = TimeSpan.FromSeconds(20);

    /// <summary>cluster.offline_threshold, LXD's default 20 s when unset or unparseable.</summary>
    public TimeSpan OfflineThreshold =>
        Config.TryGetValue("cluster.offline_threshold", out var v)
        && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultOfflineThreshold;
}
