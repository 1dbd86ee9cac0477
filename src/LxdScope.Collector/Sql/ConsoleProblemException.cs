namespace LxdScope.Collector.Sql;

/// <summary>A console request that cannot be answered, with the HTTP status and words for the operator.</summary>
public sealed class ConsoleProblemException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;
}
