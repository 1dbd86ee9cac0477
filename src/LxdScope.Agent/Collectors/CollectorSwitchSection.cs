namespace LxdScope.Agent.Collectors;

/// <summary>Configuration section <c>Agent:Collectors:NAME</c>: one collector's switch, as bound.</summary>
public sealed class CollectorSwitchSection
{
    /// <summary>false switches the collector off. Default true.</summary>
    public string? Enabled { get; set; }
}
