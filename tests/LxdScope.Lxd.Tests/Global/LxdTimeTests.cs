using LxdScope.Lxd.Global;

namespace LxdScope.Lxd.Tests.Global;

public sealed class LxdTimeTests
{
    [Theory]
    [InlineData("2026-11-28T02:08:27.046556006Z", 2026, 11, 28, 2, 8, 27, 465560)] // the API (RFC 3339, 9 digits)
    [InlineData("2026-11-28 01:33:40.993803926+00:00", 2026, 11, 28, 1, 33, 40, 9938039)] // go-dqlite's stored text
    [InlineData("2026-11-28 01:23:55", 2026, 11, 28, 1, 23, 55, 0)] // CURRENT_TIMESTAMP default
    [InlineData("2026-11-28 03:23:55.5+02:00", 2026, 11, 28, 1, 23, 55, 5000000)] // leader in another zone
    public void Parses_every_form_LXD_writes(string text, int y, int mo, int d, int h, int mi, int s, long ticks)
    {
        var expected = new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).AddTicks(ticks);

        Assert.Equal(expected, LxdTime.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-45 99:00:00")]
    public void Unparseable_is_null_not_an_exception(string? text) => Assert.Null(LxdTime.Parse(text));
}
