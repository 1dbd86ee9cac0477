namespace LxdScope.Lxd.Health;

/// <summary>The edge between <see cref="MemberState"/> and its words: the API's status, and LxdScope's JSON and metrics.</summary>
public static class MemberStates
{
    /// <summary>ONLINE, OFFLINE, …: how the JSON, the tables and the metrics write a state.</summary>
    public static string ToWire(this MemberState state) => state.ToString().ToUpperInvariant();

    /// <summary>The state an API status word names, or null for one LxdScope does not know (LXD 3.x's "Broken", a newer release's word).</summary>
    public static MemberState? FromApiStatus(string status) => status switch
    {
        "Online" => MemberState.Online,
        "Offline" => MemberState.Offline,
        "Evacuated" => MemberState.Evacuated,
        "Evacuating" => MemberState.Evacuating,
        "Restoring" => MemberState.Restoring,
        "Blocked" => MemberState.Blocked,
        "Pending" => MemberState.Pending,
        _ => null,
    };

    /// <summary>The member is up as far as the state tells: online, or in a state an up daemon is in.</summary>
    public static bool IsUp(this MemberState state) => state is MemberState.Online or MemberState.Reachable;
}
