using System.Text;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// A metric family of the text exposition: its name, type, help and label names, with the bytes
/// every sample repeats (the name and each <c>label="</c>) encoded once, since a fleet's scrape
/// writes millions of samples.
/// </summary>
internal sealed class MetricFamily
{
    public MetricFamily(string name, string type, string help, params string[] labels)
    {
        Name = name;
        Labels = labels;
        // HELP escapes backslash and newline; TYPE is a keyword (prometheus/docs exposition_formats.md).
        Header = Encoding.UTF8.GetBytes($"# HELP {name} {help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\n# TYPE {name} {type}\n");
        LabelOpenings = labels.Select((l, i) => Encoding.UTF8.GetBytes($"{(i == 0 ? name + "{" : "\",")}{l}=\"")).ToArray();
        NameOnly = Encoding.UTF8.GetBytes(name);
    }

    public string Name { get; }

    public IReadOnlyList<string> Labels { get; }

    /// <summary><c># HELP</c> and <c># TYPE</c> lines.</summary>
    public byte[] Header { get; }

    /// <summary><c>name{first="</c>, then <c>",second="</c> and so on.</summary>
    public byte[][] LabelOpenings { get; }

    /// <summary>The name alone, for a family without labels.</summary>
    public byte[] NameOnly { get; }
}
