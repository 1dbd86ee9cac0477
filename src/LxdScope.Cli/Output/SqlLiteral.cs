using System.Globalization;

namespace LxdScope.Cli.Output;

/// <summary>A database value as SQL writes it: NULL, 42, 1.5, 'it''s', x'0a1b'; on one line (a line break in text shows as \n).</summary>
internal static class SqlLiteral
{
    public static string Of(object? value) => value switch
    {
        null => "NULL",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'",
        byte[] b => "x'" + Convert.ToHexStringLower(b) + "'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
