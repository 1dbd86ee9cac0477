using System.Globalization;

namespace LxdScope.Bench.IngestLoad;

/// <summary>A process's CPU time and memory, read from /proc/PID.</summary>
public readonly record struct ProcessUsage(double CpuSeconds, long RssBytes, long PeakRssBytes)
{
    // USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <exception cref="IOException">The process is gone.</exception>
    public static ProcessUsage Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return new ProcessUsage(ParseCpuSeconds(stat), StatusBytes(status, "VmRSS:"), StatusBytes(status, "VmHWM:"));
    }

    /// <summary>utime + stime: fields 14 and 15, counted after the command name, which may hold spaces.</summary>
    public static double ParseCpuSeconds(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state).
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static long StatusBytes(string[] status, string key)
    {
        var line = status.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"/proc status has no {key}");
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
