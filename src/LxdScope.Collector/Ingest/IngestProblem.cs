namespace LxdScope.Collector.Ingest;

/// <summary>Why one request is refused: its status, the counted reason, and a short detail for the agent's log.</summary>
internal sealed record IngestProblem(int StatusCode, IngestRejectReason Reason, string Detail)
{
    /// <summary>Details quote the client's input only in part: a rejected megabyte is not sent back.</summary>
    public const int MaxDetailLength = 300;

    public static IngestProblem Create(int statusCode, IngestRejectReason reason, string detail) =>
        new(statusCode, reason, Cap(detail, MaxDetailLength));

    public static string Cap(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
