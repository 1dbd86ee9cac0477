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
}
