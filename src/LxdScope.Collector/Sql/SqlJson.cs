using System.Text.Json.Serialization;
using LxdScope.Collector.Mirrors;

namespace LxdScope.Collector.Sql;

/// <summary>The console API's JSON, snake_case like the rest of the collector's API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = 16)]
[JsonSerializable(typeof(SqlQueryRequest))]
[JsonSerializable(typeof(SqlQueryResult))]
[JsonSerializable(typeof(SqlSnapshotInfo))]
[JsonSerializable(typeof(List<SqlSnapshotInfo>))]
[JsonSerializable(typeof(SchemaResult))]
[JsonSerializable(typeof(List<CannedQuery>))]
[JsonSerializable(typeof(List<MirrorVersion>))]
[JsonSerializable(typeof(DiffRequest))]
[JsonSerializable(typeof(DiffResult))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(byte[]))]
internal sealed partial class SqlJson : JsonSerializerContext;
