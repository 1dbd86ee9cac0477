namespace LxdScope.Lxd.Raft;

/// <summary>
/// How LxdScope opens files that LXD may be writing, renaming or deleting at the same time.
/// </summary>
/// <remarks>
/// Read-only access, and a share mode that lets dqlite keep writing, truncating, renaming
/// (open-N becomes FIRST-END) and deleting (old segments after a snapshot) while we read.
/// On Unix, .NET also takes an advisory flock(LOCK_SH | LOCK_NB) on every file it opens
/// unless the runtime option System.IO.DisableFileLocking is set. dqlite never flocks
/// segments or metadata (only its own "dqlite-lock" file, which is never opened here), so
/// this does not get in LXD's way; an executable that wants no locks at all sets that option.
/// </remarks>
internal static class RaftFileAccess
{
    // Big enough that sequential batch reads are not one syscall per header,
    // small enough not to read far past the end of data in an 8 MiB open segment.
    private const int StreamBufferSize = 64 * 1024;

    public static FileStream OpenShared(string path) => new(
        path,
        FileMode.Open,
        FileAccess.Read,
        FileShare.ReadWrite | FileShare.Delete,
        StreamBufferSize,
        FileOptions.SequentialScan);

    /// <summary>Reads at most <paramref name="maxBytes"/> from the start of the file.</summary>
    public static byte[] ReadPrefix(string path, int maxBytes, out long fileLength)
    {
        using var stream = OpenShared(path);
        fileLength = stream.Length;
        var buffer = new byte[maxBytes];
        var read = stream.ReadAtLeast(buffer, maxBytes, throwOnEndOfStream: false);
        return read == maxBytes ? buffer : buffer[..read];
    }

    /// <summary>True when the file (or its directory) disappeared between listing and opening.</summary>
    public static bool IsVanished(Exception exception) =>
        exception is FileNotFoundException or DirectoryNotFoundException;

    /// <summary>True for the I/O failures we report as problems instead of throwing.</summary>
    public static bool IsReadFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException;
}
