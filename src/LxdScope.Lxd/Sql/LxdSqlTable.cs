using System.Globalization;
using System.Text;
using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Sql;

/// <summary>
/// Renders a result as <c>lxd sql</c> does (Go's tablewriter: centred headers as written, cells
/// left-aligned, multi-line cells split, NULL as &lt;nil&gt;), so operators' habits and scripts
/// carry over. One deliberate difference: integers print exactly, where lxd sql passes them
/// through float64 and shows 1546788241 as 1.546788241e+09.
/// </summary>
public static class LxdSqlTable
{
    public static string Render(SqlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows.Select(r => (IReadOnlyList<string>)Enumerable.Range(0, result.Columns.Count)
            .Select(i => i < r.Count ? FormatValue(r[i]) : "")
            .ToList());
        return Render(result.Columns, rows, rowLines: false);
    }

    /// <summary>The same layout for any text cells; <paramref name="rowLines"/> separates rows as <c>lxc list</c> does.</summary>
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool rowLines)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = headers.Count;
        var cells = rows.Select(r => Enumerable.Range(0, columns)
                .Select(i => (i < r.Count ? r[i] : "").Split('\n'))
                .ToArray())
            .ToList();
        var widths = new int[columns];
        for (var i = 0; i < columns; i++)
        {
            widths[i] = Width(headers[i]);
            foreach (var row in cells)
            {
                foreach (var line in row[i])
                {
                    widths[i] = Math.Max(widths[i], Width(line));
                }
            }
        }

        var border = "+" + string.Concat(widths.Select(w => new string('-', w + 2) + "+"));
        var sb = new StringBuilder();
        sb.Append(border).Append('\n');
        sb.Append('|');
        for (var i = 0; i < columns; i++)
        {
            sb.Append(' ').Append(Centre(headers[i], widths[i])).Append(" |");
        }

        sb.Append('\n').Append(border).Append('\n');
        for (var r = 0; r < cells.Count; r++)
        {
            var row = cells[r];
            var height = row.Length == 0 ? 1 : row.Max(c => c.Length);
            for (var line = 0; line < height; line++)
            {
                sb.Append('|');
                for (var i = 0; i < columns; i++)
                {
                    var text = line < row[i].Length ? row[i][line] : "";
                    sb.Append(' ').Append(text).Append(' ', widths[i] - Width(text)).Append(" |");
                }

                sb.Append('\n');
            }

            if (rowLines && r < cells.Count - 1)
            {
                sb.Append(border).Append('\n');
            }
        }

        sb.Append(border).Append('\n');
        return sb.ToString();
    }

    public static string FormatValue(object? value) => value switch
    {
        null => "<nil>",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => GoFloat.Format(d),
        byte[] b => Encoding.UTF8.GetString(b),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Centre(string text, int width)
    {
        var gap = width - Width(text);
        var left = gap / 2;
        return new string(' ', left) + text + new string(' ', gap - left);
    }

    private static int Width(string text) => new StringInfo(text).LengthInTextElements;
}
