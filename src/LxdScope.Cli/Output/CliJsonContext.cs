using System.Text.Json.Serialization;
using LxdScope.Lxd.Inspection;

namespace LxdScope.Cli.Output;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ClusterReport))]
[JsonSerializable(typeof(FanAnalysisJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
