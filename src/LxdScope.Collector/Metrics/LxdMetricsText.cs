using System.Text;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// Re-exports the daemons' own /1.0/metrics (per member, as each agent read it) in one exposition
/// with <c>cluster</c> and <c>member</c> labels added, each family's HELP and TYPE once. Only LXD's
/// <c>lxd_*</c> and Incus's <c>incus_*</c> families pass, under the names the daemon gave them (so
/// each product's own dashboards and queries keep working): an agent cannot inject other names,
/// and LxdScope's own stay apart. Lines that do not parse are skipped, not forwarded.
/// </summary>
internal static class LxdMetricsText
{
    public static string Relabel(IEnumerable<(string Cluster, string Member, string Text)> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var order = new List<string>();
        Family FamilyOf(string name)
        {
            if (!families.TryGetValue(name, out var f))
            {
                families[name] = f = new Family();
                order.Add(name);
            }

            return f;
        }

        foreach (var (cluster, member, text) in sources)
        {
            var extra = $"cluster=\"{Escape(cluster)}\",member=\"{Escape(member)}\"";
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
                {
                    var rest = line[7..];
                    var space = rest.IndexOf(' ', StringComparison.Ordinal);
                    if (space <= 0 || !Allowed(rest[..space]))
                    {
                        continue;
                    }

                    var f = FamilyOf(rest[..space]);
                    if (line[2] == 'H')
                    {
                        f.Help ??= line;
                    }
                    else
                    {
                        f.Type ??= line;
                    }

                    continue;
                }

                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var nameEnd = line.IndexOfAny(['{', ' ']);
                if (nameEnd <= 0 || !Allowed(line[..nameEnd]))
                {
                    continue;
                }

                var name = line[..nameEnd];
                string sample;
                if (line[nameEnd] == '{')
                {
                    var close = line.LastIndexOf('}');
                    if (close < nameEnd)
                    {
                        continue;
                    }

                    var labels = line[(nameEnd + 1)..close];
                    sample = $"{name}{{{extra}{(labels.Length > 0 ? "," : "")}{labels}}}{line[(close + 1)..]}";
                }
                else
                {
                    sample = $"{name}{{{extra}}}{line[nameEnd..]}";
                }

                FamilyOf(FamilyName(name, families)).Samples.Add(sample);
            }
        }

        var sb = new StringBuilder();
        foreach (var name in order)
        {
            var f = families[name];
            if (f.Samples.Count == 0)
            {
                continue;
            }

            if (f.Help is not null)
            {
                sb.Append(f.Help).Append('\n');
            }

            if (f.Type is not null)
            {
                sb.Append(f.Type).Append('\n');
            }

            foreach (var s in f.Samples)
            {
                sb.Append(s).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The name prefixes of LXD's and Incus's own metrics (Incus renamed every <c>lxd_</c> family).</summary>
    private static readonly string[] Prefixes = ["lxd_", "incus_"];

    private static bool Allowed(string name) =>
        Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == ':');

    /// <summary>Histogram and summary samples carry suffixes; they belong to the family declared without them.</summary>
    private static string FamilyName(string sample, Dictionary<string, Family> families)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["_bucket", "_sum", "_count"])
        {
            if (sample.EndsWith(suffix, StringComparison.Ordinal) && families.ContainsKey(sample[..^suffix.Length]))
            {
                return sample[..^suffix.Length];
            }
        }

        return sample;
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Family
    {
        public string? Help { get; set; }

        public string? Type { get; set; }

        public List<string> Samples { get; } = [];
    }
}
