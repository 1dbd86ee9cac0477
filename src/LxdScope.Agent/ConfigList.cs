using Microsoft.Extensions.Configuration;

namespace LxdScope.Agent;

/// <summary>
/// A list setting given either way: a JSON array in the file (Key:0, Key:1), which the binder
/// reads, or one comma-separated value, as flags and environment variables can only give it.
/// </summary>
internal static class ConfigList
{
    public static List<string> Read(IConfigurationSection section, IEnumerable<string> bound) =>
        section.Value is { Length: > 0 } commas
            ? [.. commas.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [.. bound.Where(v => !string.IsNullOrEmpty(v))];
}
