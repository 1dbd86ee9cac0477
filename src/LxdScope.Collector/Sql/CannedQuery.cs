namespace LxdScope.Collector.Sql;

/// <summary>A ready-made query, chosen for the schema the cluster actually has.</summary>
/// <param name="Database">"global", or "local" (run on every member).</param>
internal sealed record CannedQuery(string Id, string Title, string Description, string Database, string Query);
