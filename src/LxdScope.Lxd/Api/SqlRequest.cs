using System.Text.Json.Serialization;

namespace LxdScope.Lxd.Api;

internal sealed record SqlRequest(
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("query")] string Query);
