namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// A small tmpfs of the test's own, mounted on a directory the test chose: a real file system
/// that really runs out of space. Unmounted by that path on dispose.
/// </summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<TmpfsMount> CreateAsync(string path, string size)
    {
        Directory.CreateDirectory(path);
        var mount = await Processes.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={size},mode=0700", "lxdscope-test-full", path], TimeSpan.FromSeconds(30));
        Assert.True(mount.ExitCode == 0, $"mount tmpfs on {path}: {mount.Stderr}");
        return new TmpfsMount(path);
    }

    /// <summary>Writes one file until the file system is full; returns its length.</summary>
    public long Fill(string name)
    {
        var buffer = new byte[256 * 1024];
        Random.Shared.NextBytes(buffer);
        using var filler = new FileStream(System.IO.Path.Combine(Path, name), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        // Smaller and smaller writes after each ENOSPC, to take the last free blocks too.
        for (var chunk = buffer.Length; chunk >= 512; chunk /= 2)
        {
            try
            {
                while (true)
                {
                    filler.Write(buffer, 0, chunk);
                }
            }
            catch (IOException)
            {
            }
        }

        return filler.Length;
    }

    public async ValueTask DisposeAsync()
    {
        var umount = await Processes.RunAsync("umount", [Path], TimeSpan.FromSeconds(30));
        Assert.True(umount.ExitCode == 0, $"umount {Path}: {umount.Stderr}");
        Directory.Delete(Path);
    }
}
