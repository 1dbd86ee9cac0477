using LxdScope.Lxd.Api;
using LxdScope.Lxd.Sql;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests.Sql;

public sealed class GoDqliteTimesTests
{
    // Pairs seen on a live LXD 5.0.2: the stored value and what `lxd sql global` printed for it.
    [Theory]
    [InlineData("2026-11-28 04:25:17.95230291+00:00", "2026-11-28T04:25:17.95230291Z")]
    [InlineData("2026-11-28 05:15:05.415760705+00:00", "2026-11-28T05:15:05.415760705Z")]
    [InlineData("1970-01-01 00:00:00+00:00", "1970-01-01T00:00:00Z")]
    [InlineData("2026-01-01 00:00:00", "2026-01-01T00:00:00Z")]
    [InlineData("2026-11-28 01:33:40.993803926+02:00", "2026-11-28T01:33:40.993803926+02:00")]
    [InlineData("2026-11-28T01:33:40.120-05:30", "2026-11-28T01:33:40.12-05:30")]
    public void Stored_text_renders_as_lxd_prints_it(string stored, string printed) =>
        Assert.Equal(printed, GoDqliteTimes.Render(stored));

    [Fact]
    public void Integers_are_unix_seconds() =>
        Assert.Equal("2026-11-28T04:25:13Z", GoDqliteTimes.Render(1795839913L));

    [Fact]
    public void Unparseable_text_and_null_stay_as_they_are()
    {
        Assert.Equal("yesterday", GoDqliteTimes.Render("yesterday"));
        Assert.Null(GoDqliteTimes.Render(null));
    }

    [Fact]
    public void Only_columns_declared_datetime_are_converted()
    {
        using var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE t(d DATETIME, s TEXT); INSERT INTO t VALUES ('2026-01-01 00:00:00', '2026-01-01 00:00:00')";
            command.ExecuteNonQuery();
        }

        const string query = "SELECT d, s, d || '' AS e FROM t";
        var result = new SqlResult(["d", "s", "e"], [["2026-01-01 00:00:00", "2026-01-01 00:00:00", "2026-01-01 00:00:00"]]);

        var rendered = GoDqliteTimes.Apply(connection, query, result);

        Assert.Equal(["2026-01-01T00:00:00Z", "2026-01-01 00:00:00", "2026-01-01 00:00:00"], rendered.Rows[0]);
    }
}
