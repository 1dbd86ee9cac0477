namespace LxdScope.Collector.Audit;

/// <summary>
/// The words the audit's enums are stored and labelled with (the stores' columns, the metric's
/// <c>outcome</c> label); the same words as their JSON names.
/// </summary>
internal static class AuditText
{
    public static string Of(ConsoleOutcome outcome) => outcome switch
    {
        ConsoleOutcome.Ok => "ok",
        ConsoleOutcome.Refused => "refused",
        _ => "error",
    };

    public static string Of(ConsoleRequestKind kind) => kind == ConsoleRequestKind.Diff ? "diff" : "query";

    /// <summary>A stored word back to its outcome; a word this version does not know is an error, never "ok".</summary>
    public static ConsoleOutcome Outcome(string text) => text switch
    {
        "ok" => ConsoleOutcome.Ok,
        "refused" => ConsoleOutcome.Refused,
        _ => ConsoleOutcome.Error,
    };

    public static ConsoleRequestKind Kind(string text) => text == "diff" ? ConsoleRequestKind.Diff : ConsoleRequestKind.Query;
}
