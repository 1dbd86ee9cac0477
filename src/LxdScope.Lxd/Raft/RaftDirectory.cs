namespace LxdScope.Lxd.Raft;

/// <summary>Reads a member's raft directory, &lt;LXD_DIR&gt;/database/global, without ever writing to it.</summary>
public static class RaftDirectory
{
    /// <summary>
    /// Reads the metadata, segments and snapshots in <paramref name="globalDir"/>. Never throws
    /// for missing, vanishing or damaged files: they are reported in
    /// <see cref="RaftDirectoryState.Problems"/>. A missing directory gives
    /// <see cref="RaftDirectoryState.Exists"/> = false and an error problem.
    /// </summary>
    public static RaftDirectoryState Read(string globalDir) => Read(globalDir, DateTimeOffset.UtcNow);

    /// <param name="globalDir">The directory to read.</param>
    /// <param name="now">The time to measure the age of db.bin against.</param>
    /// <param name="beforeOpen">Test hook, called with each file name just before it is opened.</param>
    internal static RaftDirectoryState Read(string globalDir, DateTimeOffset now, Action<string>? beforeOpen = null)
    {
        ArgumentNullException.ThrowIfNull(globalDir);

        // LXD writes this directory live: a segment listed a moment ago can be renamed
        // (open-N closed into FIRST-END) or deleted (after a snapshot). One fresh listing
        // usually gives a consistent view; if the race repeats, report it.
        var first = new RaftDirectoryScan(globalDir, now, isFinalAttempt: false, beforeOpen);
        if (first.Run() is { } state)
        {
            return state;
        }

        var second = new RaftDirectoryScan(globalDir, now, isFinalAttempt: true, beforeOpen).Run()!;
        return second with { BytesRead = first.BytesRead + second.BytesRead };
    }
}
