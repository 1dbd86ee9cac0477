using System.Text;

namespace LxdScope.Lxd.Sql;

/// <summary>The text of <c>lxd sql DB .schema</c> and <c>incus admin sql DB .schema</c> (their
/// db/query/dump.go): every entity's DDL in sqlite_master order between a foreign-keys-off header
/// and COMMIT. A table SQLite stores as <c>CREATE TABLE "name"</c> (one made by ALTER TABLE … RENAME,
/// like local.db's config since schema 43) is printed <c>CREATE TABLE IF NOT EXISTS "name"</c>, as
/// the daemons print it.</summary>
public static class SchemaDump
{
    /// <summary>sqlite_master's entries, internal ones left out, in the order SQLite stored them.</summary>
    public const string Query =
        "SELECT sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY rowid";

    public static string Render(IEnumerable<string> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var sb = new StringBuilder("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n");
        foreach (var statement in statements)
        {
            sb.Append(statement.StartsWith("CREATE TABLE \"", StringComparison.Ordinal)
                ? "CREATE TABLE IF NOT EXISTS" + statement["CREATE TABLE".Length..]
                : statement).Append(";\n");
        }

        return sb.Append("COMMIT;\n").ToString();
    }
}
