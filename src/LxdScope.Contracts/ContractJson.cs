using System.Text.Json.Serialization;

namespace LxdScope.Contracts;

/// <summary>
/// The one serializer configuration of the wire contract: snake_case, nulls written; a null in a
/// non-nullable field, a missing constructor parameter or a repeated key is malformed input.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    MaxDepth = 32,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(AgentReport))]
[JsonSerializable(typeof(IngestResponse))]
public sealed partial class ContractJson : JsonSerializerContext;
