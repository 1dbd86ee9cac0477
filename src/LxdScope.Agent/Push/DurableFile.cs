using System.Runtime.InteropServices;

namespace LxdScope.Agent.Push;

/// <summary>
/// Writes that survive a power cut or <c>kill -9</c> whole or not at all: write a temporary file,
/// fsync it, rename it over the target, fsync the directory so the rename itself is on disk.
/// </summary>
internal static class DurableFile
{
    /// <summary>Files ending so are a writer's leftovers after a crash; the spool deletes them on startup.</summary>
    public const string TempSuffix = ".tmp";

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + TempSuffix;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Reports describe the cluster; only the agent's user reads them.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk should not also keep the half-written file; the failure itself goes on up.
            File.Delete(temp);
            throw;
        }

        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>fsync(2) on a directory, which .NET has no API for (it refuses to open directories).</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            // NTFS journals renames itself; there is no directory handle to flush.
            return;
        }

        // O_RDONLY | O_CLOEXEC: the same values on every Linux architecture (unlike O_DIRECTORY).
        const int flags = 0x80000;
        var fd = Open(NullTerminatedUtf8(directory), flags);
        if (fd < 0)
        {
            throw ErrnoException("open", directory);
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw ErrnoException("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static byte[] NullTerminatedUtf8(string text)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(text) + 1];
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static IOException ErrnoException(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call}({path}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
    }

    // DllImport with blittable arguments only: no marshalling code, no unsafe blocks, fine under NativeAOT.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
