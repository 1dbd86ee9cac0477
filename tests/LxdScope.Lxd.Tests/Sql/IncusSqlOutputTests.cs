using System.Text.Json;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Sql;

namespace LxdScope.Lxd.Tests.Sql;

/// <summary>
/// <c>lxdscope sql</c> on Incus prints what <c>incus admin sql</c> prints, byte for byte: each case
/// is the daemon's real answer and the real command's real output (Sql/Fixtures/incus-6.0.4).
/// </summary>
public sealed class IncusSqlOutputTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Sql", "Fixtures", "incus-6.0.4");

    public static TheoryData<string> Cases() => new(Names());

    private static IEnumerable<string> Names() =>
        File.ReadAllLines(Path.Combine(Fixtures, "cases.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t')[0]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_daemon_s_answer_renders_exactly_as_incus_admin_sql_printed_it(string name)
    {
        using var answer = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, name + ".json")));
        var results = answer.RootElement.GetProperty("Results").EnumerateArray().Select(LxdSocketClient.ParseResult).ToList();

        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, name + ".txt")), LxdSqlTable.Render(results, LxdProduct.Incus));
    }

    [Fact]
    public void Cases_cover_nulls_numbers_empty_results_and_several_statements()
    {
        var outputs = Names().Select(n => File.ReadAllText(Path.Combine(Fixtures, n + ".txt"))).ToList();

        Assert.Contains(outputs, o => o.Contains("<nil>", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("1.546788241e+09", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("=> Query 2:", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Split('\n').Length == 4); // rule, header, rule and the final newline: no rows
    }

    [Fact]
    public void Values_read_from_a_copy_of_local_db_print_as_incus_admin_sql_local_printed_them()
    {
        // The same query on local.db's own SQLite types (no JSON on the way): integers still go
        // through float64, DATETIME integers become RFC 3339 as the daemon's Go driver hands them over.
        using var db = SchemaFiles.InMemory("Local/Schemas/local-42.sql", "INSERT INTO schema VALUES (1, 43, 1796230061)");
        var limits = new QueryLimits(TimeSpan.FromSeconds(5), 1000);

        var results = new[] { "SELECT 1546788241 AS big, NULL AS nul, 2.5 AS r", "SELECT * FROM schema" }
            .Select(q => GoDqliteTimes.Apply(db, q, ReadOnlyQuery.Run(db, q, limits)))
            .ToList();

        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, "localnumbers.txt")), LxdSqlTable.Render(results[0], LxdProduct.Incus));
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, "schematimes.txt")), LxdSqlTable.Render(results[1], LxdProduct.Incus));
    }

    [Theory]
    [InlineData("api_extensions", "API EXTENSIONS")]
    [InlineData("config.key", "CONFIG KEY")]
    [InlineData("0.5", "0.5")]
    [InlineData(" padded ", "PADDED")]
    [InlineData("_", " ")]
    [InlineData("count(*)", "COUNT(*)")]
    public void Headers_are_formatted_as_tablewriter_formats_them(string header, string expected) =>
        Assert.Equal(expected, GoTableWriter.Title(header));

    [Fact]
    public void The_same_result_prints_as_lxd_sql_for_LXD_and_as_incus_admin_sql_for_Incus()
    {
        var result = new SqlResult(["id", "api_extensions"], [[1L, 1546788241L], [2L, null]]);

        Assert.Equal(
            """
            +----+----------------+
            | id | api_extensions |
            +----+----------------+
            | 1  | 1546788241     |
            | 2  | <nil>          |
            +----+----------------+

            """,
            LxdSqlTable.Render(result, LxdProduct.Lxd));
        Assert.Equal(
            """
            +----+-----------------+
            | ID | API EXTENSIONS  |
            +----+-----------------+
            | 1  | 1.546788241e+09 |
            +----+-----------------+
            | 2  | <nil>           |
            +----+-----------------+

            """,
            LxdSqlTable.Render(result, LxdProduct.Incus));
    }
}
