using System.Diagnostics;
using System.Globalization;

namespace LxdScope.Agent;

/// <summary>The agent's own footprint, from /proc: it runs on every hypervisor and must stay small.</summary>
internal static class SelfMeasurement
{
    /// <summary>Resident set size in bytes (VmRSS), or the runtime's working set where /proc is absent.</summary>
    public static long RssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return Environment.WorkingSet;
    }

    public static TimeSpan CpuTotal() => Process.GetCurrentProcess().TotalProcessorTime;
}
