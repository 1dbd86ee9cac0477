using System.Text.Json.Serialization;

namespace LxdScope.Collector.Audit;

/// <summary>How a console request ended, for its audit record and <c>lxdscope_console_queries_total</c>.</summary>
public enum ConsoleOutcome
{
    /// <summary>Answered: the rows were sent.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>Not run: not read-only, malformed, too long, about content the collector does not have, or too many at once.</summary>
    [JsonStringEnumMemberName("refused")]
    Refused,

    /// <summary>Run and failed: an SQL error, the time limit, or a failure of the collector.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}
