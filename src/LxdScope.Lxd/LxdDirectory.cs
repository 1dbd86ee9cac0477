namespace LxdScope.Lxd;

/// <summary>An LXD (or Incus) state directory: where its databases, raft files and socket live.</summary>
public sealed record LxdDirectory(string Root)
{
    /// <summary>The places packages install to, in the order an operator would look.</summary>
    public static readonly IReadOnlyList<string> WellKnownRoots =
        ["/var/snap/lxd/common/lxd", "/var/lib/lxd", "/var/lib/incus"];

    public string LocalDatabasePath => Path.Combine(Root, "database", "local.db");

    public string GlobalDirectory => Path.Combine(Root, "database", "global");

    public string SocketPath => Path.Combine(Root, "unix.socket");

    /// <summary>
    /// A guess from the directory alone, for when the daemon does not answer; the API's
    /// <c>environment.server</c> is authoritative. The guest API's directory tells first (Incus
    /// creates <c>guestapi/</c>, LXD <c>devlxd/</c>), so that an Incus under any path is known;
    /// then the path's name.
    /// </summary>
    public LxdProduct ProductFromPath =>
        Directory.Exists(Path.Combine(Root, "guestapi")) ? LxdProduct.Incus
        : Directory.Exists(Path.Combine(Root, "devlxd")) ? LxdProduct.Lxd
        : Root.Contains("incus", StringComparison.OrdinalIgnoreCase) ? LxdProduct.Incus : LxdProduct.Lxd;

    /// <summary>
    /// Uses <paramref name="explicitRoot"/> when given (it must hold a database directory),
    /// otherwise the first well-known root that does.
    /// </summary>
    /// <exception cref="LxdDirectoryNotFoundException">No usable directory.</exception>
    public static LxdDirectory Locate(string? explicitRoot, IEnumerable<string>? candidates = null)
    {
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            var dir = new LxdDirectory(Path.GetFullPath(explicitRoot));
            return dir.LooksLikeLxd()
                ? dir
                : throw new LxdDirectoryNotFoundException(
                    $"{dir.Root} is not an LXD directory: it has no database/local.db or database/global.");
        }

        var searched = (candidates ?? WellKnownRoots).ToList();
        foreach (var root in searched)
        {
            var dir = new LxdDirectory(root);
            if (dir.LooksLikeLxd())
            {
                return dir;
            }
        }

        throw new LxdDirectoryNotFoundException(
            $"No LXD directory found (looked in {string.Join(", ", searched)}); pass --lxd-dir.");
    }

    private bool LooksLikeLxd() => File.Exists(LocalDatabasePath) || Directory.Exists(GlobalDirectory);
}
