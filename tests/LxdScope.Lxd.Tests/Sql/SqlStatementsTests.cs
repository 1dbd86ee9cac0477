using LxdScope.Lxd.Sql;

namespace LxdScope.Lxd.Tests.Sql;

public sealed class SqlStatementsTests
{
    [Fact]
    public void Statements_split_on_every_semicolon_trimmed_and_without_empty_ones() =>
        Assert.Equal(["SELECT 1", "SELECT 2"], SqlStatements.Split(" SELECT 1 ;;\n SELECT 2;"));

    [Fact]
    public void Several_selects_are_allowed() =>
        Assert.Equal(3, SqlStatements.SplitSelects("SELECT name FROM nodes; SELECT count(*) FROM instances; SELECT 1 AS x WHERE 0").Count);

    [Theory]
    [InlineData("SELECT 1; DELETE FROM nodes")]
    [InlineData("SELECT ';' AS semicolon")]
    [InlineData("SELECT 1; PRAGMA foreign_keys")]
    public void A_piece_that_is_not_a_select_refuses_the_whole_query_before_anything_is_sent(string query)
    {
        var e = Assert.Throws<ReadOnlyViolationException>(() => SqlStatements.SplitSelects(query));
        Assert.Contains("splits the query on every ';'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_non_select_is_refused_as_before() =>
        Assert.Throws<ReadOnlyViolationException>(() => SqlStatements.SplitSelects("DELETE FROM nodes"));
}
