using System.Globalization;
using System.Text;

namespace LxdScope.Bench.IngestLoad;

/// <summary>What a load run saw.</summary>
public sealed record LoadResult
{
    public required LoadOptions Options { get; init; }

    public required int ReportBytes { get; init; }

    public required int GzipBytes { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>Every report acknowledged with 2xx, per agent in sending order.</summary>
    public required IReadOnlyList<AckedReport> Acked { get; init; }

    /// <summary>Failed requests by kind: an HTTP status ("503") or an exception type.</summary>
    public required IReadOnlyDictionary<string, int> Errors { get; init; }

    /// <summary>Milliseconds, ascending, of every request (failed ones too).</summary>
    public required IReadOnlyList<double> LatenciesMs { get; init; }

    /// <summary>The collector's CPU seconds during the run; null when not measured.</summary>
    public double? CollectorCpuSeconds { get; init; }

    /// <summary>The collector's highest RSS sampled during the run (bytes); null when not measured.</summary>
    public long? CollectorMaxRssBytes { get; init; }

    /// <summary>The collector's peak RSS since it started (VmHWM, bytes); null when not measured.</summary>
    public long? CollectorPeakRssBytes { get; init; }

    public int ErrorCount => Errors.Values.Sum();

    public double Percentile(double q) =>
        LatenciesMs.Count == 0 ? double.NaN : LatenciesMs[Math.Min(LatenciesMs.Count - 1, (int)(q * LatenciesMs.Count))];

    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"{Options.Agents} agents in {Math.Min(Options.Clusters.Count, (Options.Agents + Options.MembersPerCluster - 1) / Options.MembersPerCluster)} clusters × {Options.Duration.TotalSeconds:0} s, report {ReportBytes:N0} B JSON / {GzipBytes:N0} B gzip: ");
        text.Append(c, $"{LatenciesMs.Count:N0} requests, {Acked.Count:N0} acknowledged ({Acked.Count / Elapsed.TotalSeconds:0} /s), {ErrorCount} errors");
        if (Errors.Count > 0)
        {
            text.Append(" (").AppendJoin(", ", Errors.Select(e => $"{e.Key}: {e.Value}")).Append(')');
        }

        text.Append(c, $"; latency p50 {Percentile(0.5):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {(LatenciesMs.Count > 0 ? LatenciesMs[^1] : double.NaN):0.0} ms");
        if (CollectorCpuSeconds is { } cpu)
        {
            text.Append(c, $"; collector CPU {cpu:0.0} s ({cpu / Elapsed.TotalSeconds * 100:0} % of one core)");
        }

        if (CollectorMaxRssBytes is { } rss)
        {
            text.Append(c, $", RSS max {rss / 1048576.0:0} MiB");
        }

        if (CollectorPeakRssBytes is { } hwm)
        {
            text.Append(c, $", VmHWM {hwm / 1048576.0:0} MiB");
        }

        return text.ToString();
    }
}
