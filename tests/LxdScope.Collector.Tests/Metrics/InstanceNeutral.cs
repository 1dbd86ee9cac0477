using System.Text.RegularExpressions;

namespace LxdScope.Collector.Tests.Metrics;

/// <summary>
/// Collectors sharing one store each serve every cluster's series, so Prometheus scraping all of
/// them holds each series once per collector, told apart only by <c>instance</c>. A panel or alert
/// must take a cluster series through an aggregation that drops <c>instance</c>, or it counts
/// twice (and binary matches on it fail with many-to-many errors).
/// </summary>
internal static partial class InstanceNeutral
{
    /// <summary>The series names in <paramref name="expression"/> read without such an aggregation.</summary>
    public static IEnumerable<string> Unaggregated(string expression)
    {
        foreach (Match m in Series().Matches(expression))
        {
            // The collector's own ingest counters differ per collector: per instance is right for them.
            if (m.Value.StartsWith("lxdscope_ingest_", StringComparison.Ordinal))
            {
                continue;
            }

            if (!AggregatedBefore().IsMatch(expression.AsSpan(0, m.Index)))
            {
                yield return m.Value;
            }
        }
    }

    [GeneratedRegex(@"(?<![\w])(?:lxd(?:scope)?|incus)_[A-Za-z0-9_]+")]
    private static partial Regex Series();

    [GeneratedRegex(@"(?:max\s+without\s*\(instance\)|max\s+by\s*\([^)]*\))\s*\(\s*(?:(?:rate|increase|delta|changes)\()?$")]
    private static partial Regex AggregatedBefore();
}
