namespace LxdScope.Collector.Sql;

/// <summary>
/// <c>POST /api/v1/sql</c>. A local query without a member runs on every member's local.db
/// and the results are unioned, each row led by its member's name.
/// </summary>
/// <param name="Database">"global" or "local".</param>
/// <param name="AsOf">The moment to look at (within the retained history); null for the latest.</param>
/// <param name="Format">"json" (default) or "csv".</param>
internal sealed record SqlQueryRequest(string Cluster, string Database, string? Member, string Query, DateTimeOffset? AsOf = null, string? Format = null);
