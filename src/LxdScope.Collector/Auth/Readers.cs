using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Auth;

/// <summary>
/// Resolves a bearer token to the viewer or console user it was issued to. Agents' tokens are
/// not readers' (an agent pushes, it does not read), and the other way round. Reads the current
/// options on every call, so editing the configuration file rotates tokens without a restart.
/// </summary>
internal sealed class Readers(IOptionsMonitor<CollectorOptions> options)
{
    /// <summary>Viewer tokens are configured: every read needs a viewer or console token.</summary>
    public bool Required => options.CurrentValue.Viewers.Tokens.Count > 0;

    /// <summary>Console tokens are configured: the SQL console is on.</summary>
    public bool ConsoleEnabled => options.CurrentValue.Console.Tokens.Count > 0;

    /// <summary>The reader an <c>Authorization: Bearer</c> header value names, or null.</summary>
    public Reader? ForHeader(string? authorization)
    {
        var token = TokenMatch.FromHeader(authorization);
        if (token.IsEmpty)
        {
            return null;
        }

        var current = options.CurrentValue;
        if (TokenMatch.Find(token, current.Console.Tokens.Select(t => (t.Sha256, t))) is { } user)
        {
            return new Reader(user.Name, Console: true, user.Admin);
        }

        return TokenMatch.Find(token, current.Viewers.Tokens.Select(t => (t.Sha256, t))) is { } viewer
            ? new Reader(viewer.Name, Console: false, Admin: false)
            : null;
    }
}
