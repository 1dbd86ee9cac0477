namespace LxdScope.Agent.Push;

/// <summary>Where reports wait for the collector, and how much may wait.</summary>
internal sealed record SpoolOptions
{
    /// <summary>The spool directory, e.g. <c>/var/lib/lxdscope/spool</c>; created (mode 0700) when missing.</summary>
    public required string Directory { get; init; }

    /// <summary>At most this many reports wait; the oldest go first. 8,640 is 24 hours at a 10 s interval.</summary>
    public int MaxReports { get; init; } = 8_640;

    /// <summary>At most this many bytes of (gzip'd) reports wait; the oldest go first.</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            errors.Add("The spool directory is empty.");
        }

        if (MaxReports < 1)
        {
            errors.Add($"MaxReports must be at least 1 (was {MaxReports}).");
        }

        if (MaxBytes < 1)
        {
            errors.Add($"MaxBytes must be at least 1 (was {MaxBytes}).");
        }

        return errors;
    }
}
