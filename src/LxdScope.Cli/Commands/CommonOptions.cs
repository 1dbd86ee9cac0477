using System.CommandLine;
using LxdScope.Lxd;

namespace LxdScope.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string?> LxdDir() => new("--lxd-dir")
    {
        Description = "LXD's state directory (default: LXD_DIR, then INCUS_DIR, else the first of /var/snap/lxd/common/lxd, /var/lib/lxd, /var/lib/incus that exists).",
    };

    /// <summary>The LXD directory from the flag, LXD_DIR or the usual places; null (and the reason on stderr) if none.</summary>
    public static LxdDirectory? Locate(string? flag)
    {
        try
        {
            return LxdDirectory.Locate(ResolveLxdDir(flag));
        }
        catch (LxdDirectoryNotFoundException e)
        {
            Console.Error.WriteLine($"lxdscope: {e.Message}");
            return null;
        }
    }

    /// <summary>LXD's own tools honour LXD_DIR, Incus's INCUS_DIR; so do we, after the explicit flag.</summary>
    public static string? ResolveLxdDir(string? flag) =>
        !string.IsNullOrEmpty(flag) ? flag
        : Environment.GetEnvironmentVariable("LXD_DIR") is { Length: > 0 } lxd ? lxd
        : Environment.GetEnvironmentVariable("INCUS_DIR") is { Length: > 0 } incus ? incus
        : null;
}
