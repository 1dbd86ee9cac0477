using System.Text.Json.Serialization;

namespace LxdScope.Lxd.Api;

[JsonSerializable(typeof(SqlRequest))]
internal sealed partial class LxdJsonContext : JsonSerializerContext;
