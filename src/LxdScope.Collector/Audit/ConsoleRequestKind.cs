using System.Text.Json.Serialization;

namespace LxdScope.Collector.Audit;

/// <summary>The console requests that read mirrored content, and so leave an audit record.</summary>
public enum ConsoleRequestKind
{
    /// <summary><c>POST /api/v1/sql</c>.</summary>
    [JsonStringEnumMemberName("query")]
    Query,

    /// <summary><c>POST /api/v1/sql/diff</c>: the rows that changed between two moments.</summary>
    [JsonStringEnumMemberName("diff")]
    Diff,
}
