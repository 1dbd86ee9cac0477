namespace LxdScope.Agent.Push;

/// <summary>Configuration section <c>Agent:Spool</c>: how much may wait for the collector, as bound.</summary>
internal sealed class SpoolSection
{
    /// <summary>At most this many reports wait; the oldest are dropped first. Default 8,640.</summary>
    public string? MaxReports { get; set; }

    /// <summary>At most this many bytes of gzip'd reports wait. Default 256 MiB.</summary>
    public string? MaxBytes { get; set; }

    internal int MaxReportsValue => (int)ConfigValue.Number(MaxReports, 8_640);

    internal long MaxBytesValue => ConfigValue.Number(MaxBytes, 256L * 1024 * 1024);

    internal void Validate(List<string> failures)
    {
        ConfigValue.CheckNumber(failures, "Agent:Spool:MaxReports", MaxReports, int.MaxValue);
        ConfigValue.CheckNumber(failures, "Agent:Spool:MaxBytes", MaxBytes, long.MaxValue);
    }
}
