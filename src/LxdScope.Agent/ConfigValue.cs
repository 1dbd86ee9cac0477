using System.Globalization;

namespace LxdScope.Agent;

/// <summary>
/// The agent's value syntax, one place for validation and use: durations as "10s", "500ms",
/// "2m" or a .NET TimeSpan, whole numbers from 1, true/false. An absent or blank value is the default.
/// </summary>
internal static class ConfigValue
{
    public static bool IsSet(string? text) => !string.IsNullOrWhiteSpace(text);

    /// <summary>Greater than zero and at most an hour.</summary>
    public static bool TryDuration(string? text, TimeSpan fallback, out TimeSpan value)
    {
        value = fallback;
        if (!IsSet(text))
        {
            return true;
        }

        var t = text!.Trim();
        TimeSpan? parsed = t switch
        {
            _ when t.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(t[..^2], CultureInfo.InvariantCulture, out var ms) => TimeSpan.FromMilliseconds(ms),
            _ when t.EndsWith('s') && double.TryParse(t[..^1], CultureInfo.InvariantCulture, out var sec) => TimeSpan.FromSeconds(sec),
            _ when t.EndsWith('m') && double.TryParse(t[..^1], CultureInfo.InvariantCulture, out var min) => TimeSpan.FromMinutes(min),
            _ when TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var ts) => ts,
            _ => null,
        };
        if (parsed is { } v && v > TimeSpan.Zero && v <= TimeSpan.FromHours(1))
        {
            value = v;
            return true;
        }

        return false;
    }

    public static void CheckDuration(List<string> failures, string path, string? text)
    {
        if (!TryDuration(text, TimeSpan.Zero, out _))
        {
            failures.Add($"{path} must be a duration between 0 and 1h such as 10s or 500ms, not '{text!.Trim()}'.");
        }
    }

    /// <exception cref="InvalidOperationException">The value was not validated first.</exception>
    public static TimeSpan Duration(string? text, TimeSpan fallback) =>
        TryDuration(text, fallback, out var value) ? value : throw new InvalidOperationException($"'{text}' is not a duration");

    public static bool TryNumber(string? text, long fallback, long max, out long value)
    {
        value = fallback;
        return !IsSet(text)
            || (long.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max);
    }

    public static void CheckNumber(List<string> failures, string path, string? text, long max)
    {
        if (!TryNumber(text, 1, max, out _))
        {
            failures.Add($"{path} must be a whole number between 1 and {max}, not '{text}'.");
        }
    }

    /// <exception cref="InvalidOperationException">The value was not validated first.</exception>
    public static long Number(string? text, long fallback) =>
        TryNumber(text, fallback, long.MaxValue, out var value) ? value : throw new InvalidOperationException($"'{text}' is not a whole number");

    public static bool TryBoolean(string? text, bool fallback, out bool value)
    {
        value = fallback;
        return !IsSet(text) || bool.TryParse(text!.Trim(), out value);
    }

    public static void CheckBoolean(List<string> failures, string path, string? text)
    {
        if (!TryBoolean(text, false, out _))
        {
            failures.Add($"{path} must be true or false, not '{text}'.");
        }
    }

    /// <exception cref="InvalidOperationException">The value was not validated first.</exception>
    public static bool Boolean(string? text, bool fallback) =>
        TryBoolean(text, fallback, out var value) ? value : throw new InvalidOperationException($"'{text}' is not true or false");

    public static string? Optional(string? text) => IsSet(text) ? text!.Trim() : null;
}
