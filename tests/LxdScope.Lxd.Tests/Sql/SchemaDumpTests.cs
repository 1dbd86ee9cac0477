using LxdScope.Lxd.Sql;

namespace LxdScope.Lxd.Tests.Sql;

public sealed class SchemaDumpTests
{
    [Fact]
    public void Reproduces_lxd_sql_local_schema_of_a_real_member()
    {
        var expected = SchemaFiles.Text("Local/Schemas/local-42.sql");
        using var db = SchemaFiles.InMemory("Local/Schemas/local-42.sql");

        var statements = ReadOnlyQuery.Run(db, SchemaDump.Query, QueryLimits.Default).Rows.Select(r => (string)r[0]!);

        Assert.Equal(expected, SchemaDump.Render(statements));
    }

    [Fact]
    public void A_renamed_table_s_quoted_DDL_is_printed_as_the_daemons_print_it()
    {
        // local.db's config on Incus 6.0.4 (schema 43), as `incus admin sql local .schema` printed it.
        var text = SchemaDump.Render(["CREATE TABLE \"config\" (\n    id INTEGER PRIMARY KEY\n)", "CREATE TABLE patches (id INTEGER)"]);

        Assert.Contains("\nCREATE TABLE IF NOT EXISTS \"config\" (\n", text, StringComparison.Ordinal);
        Assert.Contains("\nCREATE TABLE patches (id INTEGER);\n", text, StringComparison.Ordinal);
    }
}
