using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Wcwidth;

namespace LxdScope.Lxd.Sql;

/// <summary>
/// The ASCII tables of Go's tablewriter (v0.0.5, which <c>lxd sql</c>, <c>incus admin sql</c> and
/// <c>lxc</c>/<c>incus</c> lists all render with), reproduced byte for byte: left-aligned cells,
/// centred headers, column widths in terminal cells, multi-line cells split on '\n'.
/// </summary>
/// <remarks>
/// Quirks kept on purpose, because the daemons' own output has them: a column is as wide as its
/// header <em>before</em> upper-casing trims it; the lines a multi-line row adds to its other
/// cells are two spaces, wider than a one-cell column; with a rule between rows the last rule is
/// the bottom border, so an empty result ends right under the header.
/// </remarks>
internal static partial class GoTableWriter
{
    /// <param name="rowLines">A rule after every row (incus admin sql, lxc/incus lists); without, one bottom border (lxd sql).</param>
    /// <param name="formatHeaders">Headers upper-cased with '_' and most '.' turned into spaces (incus admin sql); as written otherwise (lxd sql).</param>
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool rowLines, bool formatHeaders)
    {
        var widths = new int[headers.Count];
        var headerLines = headers.Select((h, i) => Lines(h, i, widths)).ToList();
        var cells = rows.Select(r => r.Select((c, i) => Lines(c, i, widths)).ToList()).ToList();

        // Every line is as long as a rule when the cells are plain ASCII: sized once, the builder
        // does not grow through the large-object heap chunk by chunk.
        var lineLength = widths.Sum(w => w + 3) + 2;
        var lineCount = 3 + headerLines.Sum(l => l.Length) + cells.Sum(r => r.Count == 0 ? 0 : r.Max(c => c.Length) + (rowLines ? 1 : 0));
        var sb = new StringBuilder((int)Math.Min((long)lineLength * lineCount, Array.MaxLength / 2));
        Rule(sb, widths);
        if (headers.Count > 0)
        {
            var height = headerLines.Max(l => l.Length);
            for (var line = 0; line < height; line++)
            {
                sb.Append('|');
                for (var i = 0; i < headers.Count; i++)
                {
                    var text = line < headerLines[i].Length ? headerLines[i][line] : "";
                    sb.Append(' ').Append(Centre(formatHeaders ? Title(text) : text, widths[i])).Append(" |");
                }

                sb.Append('\n');
            }

            Rule(sb, widths);
        }

        foreach (var row in cells)
        {
            var height = row.Count == 0 ? 0 : row.Max(c => c.Length);
            for (var line = 0; line < height; line++)
            {
                for (var i = 0; i < row.Count; i++)
                {
                    var text = line < row[i].Length ? row[i][line] : "  ";
                    sb.Append("| ").Append(text).Append(' ', Math.Max(0, widths[i] - Width(text))).Append(' ');
                }

                sb.Append("|\n");
            }

            if (rowLines)
            {
                Rule(sb, widths);
            }
        }

        if (!rowLines)
        {
            Rule(sb, widths);
        }

        return sb.ToString();
    }

    /// <summary>Display width in terminal cells: per grapheme, the width of its first code point that has one; escape colours count nothing.</summary>
    public static int Width(string text)
    {
        // Printable ASCII, nearly every cell: one cell per character, no escapes, no clusters.
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return text.Length;
        }

        var width = 0;
        var elements = StringInfo.GetTextElementEnumerator(Ansi().Replace(text, ""));
        while (elements.MoveNext())
        {
            foreach (var rune in elements.GetTextElement().EnumerateRunes())
            {
                var w = UnicodeCalculator.GetWidth(rune);
                if (w > 0)
                {
                    width += w;
                    break;
                }
            }
        }

        return width;
    }

    /// <summary>tablewriter's header format: '_' and a '.' not between digits become spaces, trimmed, upper-cased.</summary>
    public static string Title(string name)
    {
        var runes = name.EnumerateRunes().ToArray();
        static bool NumOrSpace(Rune r) => (r.Value >= '0' && r.Value <= '9') || r.Value == ' ';
        for (var i = 0; i < runes.Length; i++)
        {
            if (runes[i].Value == '_'
                || (runes[i].Value == '.' && ((i != 0 && !NumOrSpace(runes[i - 1])) || (i != runes.Length - 1 && !NumOrSpace(runes[i + 1])))))
            {
                runes[i] = new Rune(' ');
            }
        }

        var text = string.Concat(runes.Select(r => r.ToString())).Trim();
        return (text.Length == 0 && name.Length > 0 ? " " : text).ToUpperInvariant();
    }

    private static string[] Lines(string text, int column, int[] widths)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            widths[column] = Math.Max(widths[column], Width(text));
            return [text];
        }

        var lines = text.Split('\n');
        widths[column] = Math.Max(widths[column], lines.Max(Width));
        return lines;
    }

    private static void Rule(StringBuilder sb, int[] widths)
    {
        sb.Append('+');
        foreach (var w in widths)
        {
            sb.Append('-', w + 2).Append('+');
        }

        sb.Append('\n');
    }

    private static string Centre(string text, int width)
    {
        var gap = Math.Max(0, width - Width(text));
        var left = gap / 2;
        return new string(' ', left) + text + new string(' ', gap - left);
    }

    [GeneratedRegex("\u001b\\[(?:[0-9]{1,3}(?:;[0-9]{1,3})*)?[m|K]")]
    private static partial Regex Ansi();
}
