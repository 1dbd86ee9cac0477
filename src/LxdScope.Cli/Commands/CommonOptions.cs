using System.CommandLine;

namespace LxdScope.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string?> LxdDir() => new("--lxd-dir")
    {
        Description = "LXD's state directory (default: LXD_DIR, else the first of /var/snap/lxd/common/lxd, /var/lib/lxd, /var/lib/incus that exists).",
    };

    /// <summary>LXD's own tools honour LXD_DIR; so do we, after the explicit flag.</summary>
    public static string? ResolveLxdDir(string? flag) =>
        !string.IsNullOrEmpty(flag) ? flag : Environment.GetEnvironmentVariable("LXD_DIR") is { Length: > 0 } env ? env : null;
}
