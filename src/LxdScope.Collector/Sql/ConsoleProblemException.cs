using LxdScope.Collector.Audit;

namespace LxdScope.Collector.Sql;

/// <summary>A console request that cannot be answered, with the HTTP status and words for the operator.</summary>
/// <param name="outcome">For the audit: refused (not run, the default) or error (run and failed).</param>
internal sealed class ConsoleProblemException(int status, string title, string detail, ConsoleOutcome outcome = ConsoleOutcome.Refused) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public ConsoleOutcome Outcome { get; } = outcome;
}
