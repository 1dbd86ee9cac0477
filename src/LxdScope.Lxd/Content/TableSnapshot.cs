namespace LxdScope.Lxd.Content;

/// <summary>One table's rows as read, in the order the database returned them, with their hash.</summary>
/// <param name="Sql">The CREATE TABLE statement from sqlite_master.</param>
/// <param name="Rows">Values are null, long, double, string or byte[].</param>
public sealed record TableSnapshot(string Name, string Sql, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, string Hash);
