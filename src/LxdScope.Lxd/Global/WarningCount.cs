namespace LxdScope.Lxd.Global;

/// <summary>LXD's warnings of one type (lxd/warningtype) in one status (1 new, 2 acknowledged, 3 resolved).</summary>
public sealed record WarningCount(long TypeCode, long Status, long Count)
{
    public string StatusName => Status switch
    {
        1 => "new",
        2 => "acknowledged",
        3 => "resolved",
        _ => $"status-{Status}",
    };
}
