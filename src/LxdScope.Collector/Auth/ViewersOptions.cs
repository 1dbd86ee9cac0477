namespace LxdScope.Collector.Auth;

/// <summary>
/// Who may read the status API, the pages' data and the metrics (configuration section
/// <c>Collector:Viewers</c>). With no viewer tokens, reading is open to anyone who reaches the
/// collector (a single host's default); with one or more, every read needs a viewer or console token.
/// </summary>
internal sealed class ViewersOptions
{
    /// <summary>Viewers, each a name and the SHA-256 of their token, as console users are configured.</summary>
    public IList<ViewerTokenOptions> Tokens { get; } = [];

    internal void Validate(List<string> failures, HashSet<string> agentHashes, HashSet<string> consoleHashes) =>
        TokenUsers.Validate(failures, "Collector:Viewers:Tokens", Tokens.Select(t => (t.Name, t.Sha256)).ToList(), agentHashes, consoleHashes);
}
