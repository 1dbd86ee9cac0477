namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>One row of sqlite_master that owns a b-tree: a table or an index.</summary>
/// <param name="Type">"table" or "index".</param>
/// <param name="Name">Its name.</param>
/// <param name="RootPage">The root page of its b-tree.</param>
/// <param name="Sql">Its CREATE statement; null for sqlite_master itself and automatic indexes.</param>
internal sealed record SchemaObject(string Type, string Name, uint RootPage, string? Sql)
{
    /// <summary>sqlite_master, whose b-tree is rooted at page 1.</summary>
    public static readonly SchemaObject Master = new("table", "sqlite_master", 1, null);

    /// <summary>A table keyed by rowid (its rows are told apart by it); WITHOUT ROWID tables are index b-trees.</summary>
    public bool IsRowidTable => Type == "table" && (Sql is null || !Sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase));
}
