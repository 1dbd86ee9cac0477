namespace LxdScope.Collector;

/// <summary>
/// Who may read the status API, the pages' data and the metrics (configuration section
/// <c>Collector:Viewers</c>). With no viewer tokens, reading is open to anyone who reaches the
/// collector (a single host's default); with one or more, every read needs a viewer or console token.
/// </summary>
public sealed class ViewersOptions
{
    /// <summary>Viewers, each a name and the SHA-256 of their token, as console users are configured.</summary>
    public IList<ViewerTokenOptions> Tokens { get; } = [];
}
