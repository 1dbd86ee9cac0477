using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Auth;

/// <summary>
/// Who may use the SQL console: tokens of their own, separate from agents' (an agent's token
/// cannot read the mirrors, a console token cannot push reports). Rotated like agent tokens, by
/// editing the configuration file.
/// </summary>
public sealed class ConsoleTokens(IOptionsMonitor<CollectorOptions> options)
{
    public bool Enabled => options.CurrentValue.Console.Tokens.Count > 0;

    /// <summary>The name of the console user the header's token belongs to, or null.</summary>
    public string? UserForHeader(string? authorization) =>
        TokenMatch.Find(TokenMatch.FromHeader(authorization), options.CurrentValue.Console.Tokens.Select(t => (t.Sha256, t.Name)));
}
