namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>The pages of one SQLite database file as of one moment.</summary>
internal interface IPageSource
{
    /// <summary>Bytes per page.</summary>
    int PageSize { get; }

    /// <summary>The page's bytes, or null when the database has no such page. Not to be changed.</summary>
    byte[]? Page(uint number);
}
