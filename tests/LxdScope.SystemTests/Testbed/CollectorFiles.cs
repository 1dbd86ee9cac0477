using System.Text.Json;
using System.Text.RegularExpressions;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// A collector's configuration and one agent token for it, made by the binary's own
/// <c>collector hash-token</c>: the plain token in a file for the agent, its hash in collector.json.
/// </summary>
internal static partial class CollectorFiles
{
    /// <returns>The collector's configuration file and the agent's token file, both in <paramref name="state"/>.</returns>
    public static async Task<(string Config, string TokenFile)> WriteAsync(string state, string cluster)
    {
        var (config, tokenFile, _) = await WriteAsync(state, cluster, viewers: false);
        return (config, tokenFile);
    }

    /// <param name="viewers">As the deploy kit ships it: only viewers read, with one viewer token (for Prometheus and the test).</param>
    /// <returns>The configuration, the agent's token file and the viewer's token file (null without viewers).</returns>
    public static async Task<(string Config, string TokenFile, string? ViewerTokenFile)> WriteAsync(string state, string cluster, bool viewers)
    {
        Directory.CreateDirectory(state);
        var (tokenFile, hash) = await TokenAsync(state, "token");
        var viewer = viewers ? await TokenAsync(state, "viewer-token") : default;
        var config = Path.Combine(state, "collector.json");
        var collector = new Dictionary<string, object>
        {
            ["DatabasePath"] = Path.Combine(state, "collector.db"),
            ["Tokens"] = new[] { new { Cluster = cluster, Sha256 = hash } },
        };
        if (viewers)
        {
            collector["Viewers"] = new { Tokens = new[] { new { Name = "prometheus", Sha256 = viewer.Hash } } };
        }

        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { Collector = collector }));
        return (config, tokenFile, viewers ? viewer.File : null);
    }

    // A token made and hashed by the binary itself: the plain token in a file, its hash for collector.json.
    private static async Task<(string File, string Hash)> TokenAsync(string state, string name)
    {
        var generated = (await Processes.RunAsync(Executable.Binary, ["collector", "hash-token", "--generate"], TimeSpan.FromSeconds(30))).Stdout;
        var file = Path.Combine(state, name);
        await File.WriteAllTextAsync(file, TokenLine().Match(generated).Groups[1].Value);
        var hash = (await Processes.RunAsync("sh", ["-c", $"{Executable.Binary} collector hash-token < {file}"], TimeSpan.FromSeconds(30))).Stdout.Trim();
        return (file, hash);
    }

    [GeneratedRegex(@"(?m)^token:\s*(\S+)")]
    private static partial Regex TokenLine();
}
