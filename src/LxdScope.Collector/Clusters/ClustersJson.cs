using System.Text.Json.Serialization;

namespace LxdScope.Collector.Clusters;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(List<ClusterSummary>))]
[JsonSerializable(typeof(ClusterDetail))]
[JsonSerializable(typeof(Fan.FanMatrix))]
internal sealed partial class ClustersJson : JsonSerializerContext;
