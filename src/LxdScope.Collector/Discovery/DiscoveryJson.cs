using System.Text.Json.Serialization;

namespace LxdScope.Collector.Discovery;

// Prometheus reads "targets" and "labels"; label names are written as they are.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<ScrapeTargetGroup>))]
internal sealed partial class DiscoveryJson : JsonSerializerContext;
