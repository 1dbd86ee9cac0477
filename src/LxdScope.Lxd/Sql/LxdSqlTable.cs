using System.Globalization;
using System.Text;
using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Sql;

/// <summary>
/// Renders results as the product's own SQL command does, so operators' habits and scripts carry
/// over. <c>lxd sql</c>: headers as written, one bottom border, NULL as &lt;nil&gt; — with one
/// deliberate difference: integers print exactly, where lxd sql passes them through float64 and
/// shows 1546788241 as 1.546788241e+09. <c>incus admin sql</c>: headers upper-cased (<c>_</c> as a
/// space), a rule between rows, and every number exactly as Incus prints it (float64, so
/// 1.546788241e+09): byte for byte, tested against the real command's output.
/// Several statements are framed as both commands frame them: <c>=&gt; Query N:</c>, a blank line,
/// the table, a blank line.
/// </summary>
public static class LxdSqlTable
{
    public static string Render(SqlResult result) => Render(result, LxdProduct.Lxd);

    public static string Render(SqlResult result, LxdProduct product)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows.Select(r => (IReadOnlyList<string>)Enumerable.Range(0, result.Columns.Count)
            .Select(i => i < r.Count ? FormatValue(r[i], product) : "")
            .ToList());
        return product == LxdProduct.Incus
            ? GoTableWriter.Render(result.Columns, rows, rowLines: true, formatHeaders: true)
            : GoTableWriter.Render(result.Columns, rows, rowLines: false, formatHeaders: false);
    }

    /// <summary>The results of several statements, one after the other, as the product's SQL command prints a batch.</summary>
    public static string Render(IReadOnlyList<SqlResult> results, LxdProduct product)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 1)
        {
            return Render(results[0], product);
        }

        var sb = new StringBuilder();
        for (var i = 0; i < results.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"=> Query {i}:\n\n").Append(Render(results[i], product)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Any text cells laid out like <c>lxc</c>'s lists: headers as written, a rule between rows.</summary>
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool rowLines)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(r => (IReadOnlyList<string>)Enumerable.Range(0, headers.Count).Select(i => i < r.Count ? r[i] : "").ToList());
        return GoTableWriter.Render(headers, cells, rowLines, formatHeaders: false);
    }

    public static string FormatValue(object? value) => FormatValue(value, LxdProduct.Lxd);

    /// <summary>One cell as the product's SQL command prints it (Go's %v of what it decoded from the API's JSON).</summary>
    public static string FormatValue(object? value, LxdProduct product) => value switch
    {
        null => "<nil>",
        string s => s,
        long l => product == LxdProduct.Incus ? GoFloat.Format(l) : l.ToString(CultureInfo.InvariantCulture),
        int i => product == LxdProduct.Incus ? GoFloat.Format(i) : i.ToString(CultureInfo.InvariantCulture),
        double d => GoFloat.Format(d),
        bool b => b ? "true" : "false",
        byte[] b => Encoding.UTF8.GetString(b),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
