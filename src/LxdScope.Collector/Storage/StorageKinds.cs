namespace LxdScope.Collector.Storage;

/// <summary>The values of <c>Collector:Storage</c>.</summary>
internal static class StorageKinds
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}
