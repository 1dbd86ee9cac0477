using LxdScope.Collector.Sql;
using LxdScope.Lxd;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Tests.Sql;

public sealed class CannedQueriesTests
{
    [Theory]
    [InlineData(LxdProduct.Lxd, "control-plane")]
    [InlineData(LxdProduct.Incus, "database-client")]
    public void Member_roles_names_role_3_as_the_product_does(LxdProduct product, string expected)
    {
        using var db = new SqliteConnection("Data Source=:memory:");
        db.Open();
        Execute(db, """
            CREATE TABLE nodes (id INTEGER PRIMARY KEY, name TEXT, address TEXT);
            CREATE TABLE nodes_roles (node_id INTEGER, role INTEGER);
            INSERT INTO nodes VALUES (1, 'node1', '127.0.0.1:8443');
            INSERT INTO nodes_roles VALUES (1, 0), (1, 3);
            """);
        var query = CannedQueries.For(73, product).Single(q => q.Id == "member-roles");

        using var command = db.CreateCommand();
        command.CommandText = query.Query;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal($"database,{expected}", reader.GetString(3));
    }

    [Fact]
    public void Before_schema_15_instances_are_read_from_containers()
    {
        var query = CannedQueries.For(13, LxdProduct.Lxd).Single(q => q.Id == "instances-per-member");
        Assert.Contains("FROM containers", query.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("instances.", query.Query, StringComparison.Ordinal);
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
