using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Health;

/// <summary>How far a member's raft log goes, read from its own files.</summary>
/// <param name="Current">Whether this was read just now (its agent reports), not remembered.</param>
/// <param name="Sound">Whether the log read without errors: recovering from a damaged log loses or garbles entries.</param>
public sealed record RaftProgress(string Member, RaftPosition Position, bool Current, bool Sound = true);
