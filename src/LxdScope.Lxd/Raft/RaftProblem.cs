namespace LxdScope.Lxd.Raft;

/// <summary>Something found while reading raft files, in plain English.</summary>
/// <param name="Severity">How much it matters.</param>
/// <param name="Message">What was found, naming the file concerned.</param>
public sealed record RaftProblem(RaftProblemSeverity Severity, string Message)
{
    internal static RaftProblem Note(string message) => new(RaftProblemSeverity.Note, message);

    internal static RaftProblem Warning(string message) => new(RaftProblemSeverity.Warning, message);

    internal static RaftProblem Error(string message) => new(RaftProblemSeverity.Error, message);

    /// <inheritdoc/>
    public override string ToString() => Severity switch
    {
        RaftProblemSeverity.Error => "error: " + Message,
        RaftProblemSeverity.Warning => "warning: " + Message,
        _ => "note: " + Message,
    };
}
