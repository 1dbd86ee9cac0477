namespace LxdScope.Deploy.Tests.Support;

/// <summary>A systemd unit file read as systemd does for simple files: [Section] Key=value lines, a key may repeat.</summary>
internal sealed class UnitFile
{
    private readonly List<(string Section, string Key, string Value)> entries = [];

    public UnitFile(string text)
    {
        var section = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.Trim('[', ']');
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            entries.Add((section, line[..eq], line[(eq + 1)..]));
        }
    }

    public IReadOnlyList<string> All(string section, string key) =>
        [.. entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value)];

    /// <summary>The effective value of a single-valued key: the last assignment.</summary>
    public string? Last(string section, string key)
    {
        var values = All(section, key);
        return values.Count == 0 ? null : values[^1];
    }
}
