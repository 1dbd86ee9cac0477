namespace LxdScope.Collector.Partition;

/// <summary>
/// Clusters shared out among the collectors of one PostgreSQL database (configuration section
/// <c>Collector:Postgres:Partition</c>). Off by default: then every collector applies and judges
/// every cluster, which adds availability but not throughput.
/// </summary>
internal sealed class PartitionOptions
{
    /// <summary>Each cluster is applied and judged by the one collector holding its lease; the others store its reports and forward its reads.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// How the other collectors reach this one (<c>http://collector-2.example:9470</c>): reads of
    /// the clusters it owns are forwarded there, and service discovery names it for their scrape
    /// targets. It also names this collector as a lease holder, so it must be different for every
    /// collector and the same across a restart (which then takes its leases back at once).
    /// </summary>
    public string? AdvertiseUrl { get; set; }

    /// <summary>
    /// How long a lease lasts without being renewed (renewed every third of it): a killed
    /// collector's clusters are taken over by the others within about this long.
    /// </summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The advertised URL, checked and without a trailing slash.</summary>
    internal Uri Advertised => new(AdvertiseUrl!.TrimEnd('/'), UriKind.Absolute);

    internal void Validate(List<string> failures)
    {
        if (!Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(AdvertiseUrl)
            || !Uri.TryCreate(AdvertiseUrl, UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https")
            || url.PathAndQuery != "/"
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            failures.Add("Collector:Postgres:Partition:AdvertiseUrl must be this collector's http:// or https:// address as the other collectors reach it, without a path (for example http://collector-2.example:9470).");
        }

        if (LeaseTime < TimeSpan.FromSeconds(3) || LeaseTime > TimeSpan.FromMinutes(5))
        {
            failures.Add("Collector:Postgres:Partition:LeaseTime must be between 3 seconds and 5 minutes (for example 00:00:15).");
        }
    }
}
