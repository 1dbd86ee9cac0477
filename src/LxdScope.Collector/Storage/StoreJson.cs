using System.Text.Json.Serialization;

namespace LxdScope.Collector.Storage;

/// <summary>The few JSON columns of the collector's own database.</summary>
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StoreJson : JsonSerializerContext;
