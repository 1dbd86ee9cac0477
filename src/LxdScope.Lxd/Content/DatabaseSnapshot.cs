namespace LxdScope.Lxd.Content;

/// <summary>Every table of one database, read at one moment, and the digest that summarises them.</summary>
/// <param name="Schema">CREATE INDEX and CREATE VIEW statements (triggers are left out: a copy must not fire them).</param>
public sealed record DatabaseSnapshot(IReadOnlyList<TableSnapshot> Tables, IReadOnlyList<string> Schema, string Digest)
{
    public static DatabaseSnapshot Create(IReadOnlyList<TableSnapshot> tables, IReadOnlyList<string> schema) =>
        new(tables, schema, ContentHash.Digest(tables.Select(t => (t.Name, t.Hash)), schema));
}
