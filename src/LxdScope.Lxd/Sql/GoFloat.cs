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

        // Shortest round-trip digits and the decimal exponent of the first one, both from the
        // shortest form (a fixed-precision "E16" form would round 1e-07, stored as 9.99…e-08, down).
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture).Split('E');
        var scale = shortest.Length > 1 ? int.Parse(shortest[1], CultureInfo.InvariantCulture) : 0;
        var parts = shortest[0].Split('.');
        var whole = parts[0].TrimStart('0');
        var fraction = parts.Length > 1 ? parts[1] : "";
        var exp = whole.Length > 0
            ? whole.Length - 1 + scale
            : -(fraction.Length - fraction.TrimStart('0').Length) - 1 + scale;
        var mantissa = (whole + fraction).TrimStart('0').TrimEnd('0');
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
