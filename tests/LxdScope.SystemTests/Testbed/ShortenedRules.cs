using System.Text.RegularExpressions;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// A copy of alerts/lxdscope.rules.yml for a test that cannot wait minutes: every rule's
/// <c>for:</c> line is rewritten to a few seconds, nothing else changes, so the expressions,
/// labels and annotations Prometheus loads are the shipped ones.
/// </summary>
internal static partial class ShortenedRules
{
    public static string Source => Path.Combine(Repository.Root, "alerts", "lxdscope.rules.yml");

    /// <summary>Writes the copy; returns how many <c>for:</c> durations it shortened.</summary>
    public static int Write(string path, int seconds)
    {
        var text = File.ReadAllText(Source);
        var shortened = ForLine().Replace(text, m => $"{m.Groups[1].Value}{seconds}s");
        File.WriteAllText(path, shortened);
        return ForLine().Count(text);
    }

    /// <summary>How many alerting rules the shipped file defines.</summary>
    public static int AlertCount() => AlertLine().Count(File.ReadAllText(Source));

    [GeneratedRegex(@"^(\s+for:\s*)\d+[smhd]\s*$", RegexOptions.Multiline)]
    private static partial Regex ForLine();

    [GeneratedRegex(@"^\s+- alert:\s", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}
