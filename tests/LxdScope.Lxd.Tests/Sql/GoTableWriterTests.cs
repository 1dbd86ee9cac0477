using LxdScope.Lxd.Sql;

namespace LxdScope.Lxd.Tests.Sql;

public sealed class GoTableWriterTests
{
    // Printable ASCII takes the short way; everything else is measured per grapheme as go-runewidth does.
    [Theory]
    [InlineData("", 0)]
    [InlineData("bench42 e17", 11)]
    [InlineData(" ~", 2)]
    [InlineData("\u001b[31mred\u001b[0m", 3)]
    [InlineData("日本", 4)]
    [InlineData("e\u0301t\u00e9", 3)]
    [InlineData("tab\there", 7)]
    [InlineData("\u007f", 0)]
    public void Width_counts_terminal_cells(string text, int expected) =>
        Assert.Equal(expected, GoTableWriter.Width(text));

    [Fact]
    public void Wide_and_plain_cells_pad_to_the_same_column()
    {
        var table = GoTableWriter.Render(["name"], [["日本"], ["abcd"], ["a\nbcdef"]], rowLines: false, formatHeaders: false);

        Assert.Equal(
            "+-------+\n| name  |\n+-------+\n| 日本  |\n| abcd  |\n| a     |\n| bcdef |\n+-------+\n",
            table);
    }
}
