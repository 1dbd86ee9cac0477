using System.Text.Json.Serialization;

namespace LxdScope.Contracts;

/// <summary>The one serializer configuration of the wire contract: snake_case, nulls written.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    MaxDepth = 32)]
[JsonSerializable(typeof(AgentReport))]
[JsonSerializable(typeof(IngestResponse))]
public sealed partial class ContractJson : JsonSerializerContext;
