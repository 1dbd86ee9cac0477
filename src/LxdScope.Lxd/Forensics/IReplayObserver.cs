using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>Watches a <see cref="LogReplay"/> entry by entry, and each transaction as it is laid over the image.</summary>
internal interface IReplayObserver
{
    /// <summary>An entry replay reached: its decoded command (null for barriers and configuration changes), before it is applied.</summary>
    void Entry(RaftEntry entry, DqliteCommand? command);

    /// <summary>A committed transaction is about to be written into the image: the pages it writes (a page may repeat).</summary>
    void Committing(RaftEntry entry, IEnumerable<uint> pages);

    /// <summary>That transaction is now in the image.</summary>
    void Committed(RaftEntry entry);
}
