using System.Text.Json.Serialization;

namespace LxdScope.Collector.Tests.Support;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJson : JsonSerializerContext;
