namespace LxdScope.Lxd.Forensics;

/// <summary>
/// The raft files cannot give a database that is right as of the index asked for; nothing was
/// written. The message says why and, when part of the log is sound, up to which index.
/// </summary>
public sealed class RebuildRefusedException : Exception
{
    public RebuildRefusedException(string message, ulong? intactUpTo = null)
        : base(message) => IntactUpTo = intactUpTo;

    public RebuildRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public RebuildRefusedException()
    {
    }

    public RebuildRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>The last index up to which the log could be replayed, when known.</summary>
    public ulong? IntactUpTo { get; }
}
