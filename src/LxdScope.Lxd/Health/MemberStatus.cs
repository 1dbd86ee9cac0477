namespace LxdScope.Lxd.Health;

/// <param name="HeartbeatAge">Null when the member has no parseable heartbeat.</param>
public sealed record MemberStatus(MemberState State, string Message, TimeSpan? HeartbeatAge);
