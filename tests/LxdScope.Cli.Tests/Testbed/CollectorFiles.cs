using System.Text.Json;
using System.Text.RegularExpressions;

namespace LxdScope.Cli.Tests.Testbed;

/// <summary>
/// A collector's configuration and one agent token for it, made by the binary's own
/// <c>collector hash-token</c>: the plain token in a file for the agent, its hash in collector.json.
/// </summary>
internal static partial class CollectorFiles
{
    /// <returns>The collector's configuration file and the agent's token file, both in <paramref name="state"/>.</returns>
    public static async Task<(string Config, string TokenFile)> WriteAsync(string state, string cluster)
    {
        Directory.CreateDirectory(state);
        var generated = (await Processes.RunAsync(Processes.Binary, ["collector", "hash-token", "--generate"], TimeSpan.FromSeconds(30))).Stdout;
        var tokenFile = Path.Combine(state, "token");
        await File.WriteAllTextAsync(tokenFile, TokenLine().Match(generated).Groups[1].Value);
        var hash = (await Processes.RunAsync("sh", ["-c", $"{Processes.Binary} collector hash-token < {tokenFile}"], TimeSpan.FromSeconds(30))).Stdout.Trim();
        var config = Path.Combine(state, "collector.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Collector = new { DatabasePath = Path.Combine(state, "collector.db"), Tokens = new[] { new { Cluster = cluster, Sha256 = hash } } },
        }));
        return (config, tokenFile);
    }

    [GeneratedRegex(@"(?m)^token:\s*(\S+)")]
    private static partial Regex TokenLine();
}
