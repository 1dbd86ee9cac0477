using System.Text.Json.Serialization;

namespace LxdScope.Collector.Audit;

/// <summary>The audit API's JSON, snake_case like the rest of the collector's API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<ConsoleAuditRecord>))]
internal sealed partial class AuditJson : JsonSerializerContext;
