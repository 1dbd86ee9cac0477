using LxdScope.Lxd.Api;
using LxdScope.Lxd.Sql;

namespace LxdScope.Lxd.Tests.Sql;

public sealed class LxdSqlTableTests
{
    [Fact]
    public void Renders_exactly_what_lxd_sql_printed_for_raft_nodes()
    {
        // `lxd sql local "select * from raft_nodes"` on the LXD 5.0.2 testbed.
        const string expected = """
            +----+----------------+------+-------+
            | id |    address     | role | name  |
            +----+----------------+------+-------+
            | 1  | 127.0.0.1:8443 | 0    | node1 |
            | 2  | 127.0.0.2:8443 | 0    | node2 |
            | 3  | 127.0.0.3:8443 | 0    | node3 |
            +----+----------------+------+-------+

            """;
        var result = new SqlResult(
            ["id", "address", "role", "name"],
            [[1L, "127.0.0.1:8443", 0L, "node1"], [2L, "127.0.0.2:8443", 0L, "node2"], [3L, "127.0.0.3:8443", 0L, "node3"]]);

        Assert.Equal(expected, LxdSqlTable.Render(result));
    }

    [Fact]
    public void Empty_results_multi_line_cells_and_nulls_render_as_lxd_sql_does()
    {
        const string empty = """
            +------+
            | name |
            +------+
            +------+

            """;
        const string multi = """
            +-------+-------+
            |   m   |   n   |
            +-------+-------+
            | multi | <nil> |
            | line  |       |
            +-------+-------+

            """;

        Assert.Equal(empty, LxdSqlTable.Render(new SqlResult(["name"], [])));
        Assert.Equal(multi, LxdSqlTable.Render(new SqlResult(["m", "n"], [["multi\nline", null]])));
    }

    [Theory]
    [InlineData(1546788241.0, "1.546788241e+09")]
    [InlineData(12345678.0, "1.2345678e+07")]
    [InlineData(123456789012.0, "1.23456789012e+11")]
    [InlineData(0.1, "0.1")]
    [InlineData(-5.0, "-5")]
    [InlineData(1e300, "1e+300")]
    [InlineData(3.0, "3")]
    [InlineData(1.5, "1.5")]
    [InlineData(123456.0, "123456")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(0.000123, "0.000123")]
    [InlineData(1e21, "1e+21")]
    [InlineData(123456789.5, "1.234567895e+08")]
    public void Reals_print_as_Go_prints_a_float64(double value, string expected) =>
        Assert.Equal(expected, LxdSqlTable.FormatValue(value));

    [Fact]
    public void Integers_print_exactly_where_lxd_sql_would_round_them_through_float64() =>
        Assert.Equal("1546788241", LxdSqlTable.FormatValue(1546788241L));
}
