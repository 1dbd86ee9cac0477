using System.Globalization;
using System.Text;

namespace LxdScope.Lxd.Sql;

/// <summary>
/// Go's <c>fmt</c> %v for a float64 (strconv 'g', shortest digits, exponent form when the
/// decimal exponent is below -4 or at least 6), which is how lxd sql prints every number.
/// </summary>
internal static class GoFloat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // Shortest round-trip digits and the decimal exponent of the first one.
        var r = Math.Abs(value).ToString("E16", CultureInfo.InvariantCulture);
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exp = int.Parse(r.AsSpan(r.IndexOf('E', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture);
        var mantissa = shortest.Split('E')[0].Replace(".", "", StringComparison.Ordinal).TrimStart('0').TrimEnd('0');
        if (mantissa.Length == 0)
        {
            mantissa = "0";
        }

        var sb = new StringBuilder();
        if (value < 0)
        {
            sb.Append('-');
        }

        if (exp < -4 || exp >= 6)
        {
            sb.Append(mantissa[0]);
            if (mantissa.Length > 1)
            {
                sb.Append('.').Append(mantissa, 1, mantissa.Length - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (exp >= 0)
        {
            var intDigits = exp + 1;
            sb.Append(mantissa.Length >= intDigits ? mantissa[..intDigits] : mantissa.PadRight(intDigits, '0'));
            if (mantissa.Length > intDigits)
            {
                sb.Append('.').Append(mantissa, intDigits, mantissa.Length - intDigits);
            }
        }
        else
        {
            sb.Append("0.").Append('0', -exp - 1).Append(mantissa);
        }

        return sb.ToString();
    }
}
