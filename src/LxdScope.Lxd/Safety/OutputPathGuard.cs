namespace LxdScope.Lxd.Safety;

/// <summary>
/// The one check every path LxdScope writes to goes through (the rebuilt database, a pcap, the
/// agent's spool, the collector's database): it is resolved as the kernel would resolve it —
/// symbolic links followed at every step, <c>..</c> taken after the link before it — and refused
/// when it lies inside an LXD or Incus directory, whether one given on the command line, one in
/// <c>LXD_DIR</c>/<c>INCUS_DIR</c>, or one of the places packages install to.
/// </summary>
/// <remarks>
/// Lexical normalisation alone (<see cref="Path.GetFullPath(string)"/>) is not enough:
/// <c>out/../x</c> where <c>out</c> links to <c>/var/lib/lxd/database</c> names
/// <c>/var/lib/lxd/x</c> to the kernel. Bind mounts are not seen through; a path that is created
/// as a link between the check and the write is not either (the operator would have to race
/// themselves).
/// </remarks>
public static class OutputPathGuard
{
    /// <summary>Linux gives up after 40 links (ELOOP); so does this.</summary>
    private const int MaxLinks = 40;

    /// <summary>Where the LXD snap, the Debian LXD package and Incus keep state, caches, logs and sockets.</summary>
    public static readonly IReadOnlyList<string> DefaultRoots =
    [
        .. LxdDirectory.WellKnownRoots,
        "/var/snap/lxd",
        "/var/cache/lxd",
        "/var/log/lxd",
        "/var/cache/incus",
        "/var/log/incus",
        "/run/incus",
    ];

    /// <summary>How every refusal's message begins, for callers that only see it as text (options validation).</summary>
    public const string RefusalStart = "refusing to write ";

    /// <summary>The variables LXD's and Incus's own tools read their directory from.</summary>
    public static readonly IReadOnlyList<string> DirectoryVariables = ["LXD_DIR", "INCUS_DIR"];

    /// <summary>
    /// Resolves <paramref name="path"/> and returns it, or refuses it.
    /// </summary>
    /// <param name="what">How the operator named the path, e.g. "--output", for the message.</param>
    /// <param name="lxdDirectories">LXD/Incus directories in play besides the defaults (nulls ignored).</param>
    /// <exception cref="OutputPathRefusedException">The path lies inside one of them, or cannot be resolved.</exception>
    public static string Check(string path, string what, IEnumerable<string?>? lxdDirectories = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(what);
        var resolved = Resolve(path, what);
        foreach (var root in ProtectedRoots(lxdDirectories))
        {
            if (IsInside(resolved, root.Resolved))
            {
                var via = resolved == Path.GetFullPath(path) ? "" : $" (it resolves to {resolved})";
                throw new OutputPathRefusedException(
                    $"{RefusalStart}{what} {path}{via}: it is inside {root.Given}, an LXD/Incus directory; LxdScope never writes there — choose a path outside it");
            }
        }

        return resolved;
    }

    /// <summary>The directories protected for this call: the given ones, the environment's, the defaults; each also as resolved.</summary>
    private static IEnumerable<(string Given, string Resolved)> ProtectedRoots(IEnumerable<string?>? lxdDirectories)
    {
        var given = (lxdDirectories ?? [])
            .Concat(DirectoryVariables.Select(Environment.GetEnvironmentVariable))
            .Concat(DefaultRoots)
            .Where(d => !string.IsNullOrEmpty(d) && d != "/")
            .Select(d => d!);
        foreach (var root in given)
        {
            // Both the spelling and where it leads: a directory reached through a link is the same directory.
            yield return (root, Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
            yield return (root, Resolve(root, "the LXD directory"));
        }
    }

    /// <summary>
    /// The absolute path the kernel would open for <paramref name="path"/>: every existing
    /// component that is a symbolic link replaced by its target, <c>.</c> and <c>..</c> applied in
    /// order; the components that do not exist yet are taken as written.
    /// </summary>
    public static string Resolve(string path, string what = "the path")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var pending = new Stack<string>();
        Push(pending, Path.IsPathRooted(path) ? path : Path.Join(Environment.CurrentDirectory, path));
        var current = "/";
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new OutputPathRefusedException($"{RefusalStart}{what} {path}: more than {MaxLinks} symbolic links on the way (a loop?)");
                }

                if (Path.IsPathRooted(target))
                {
                    current = "/";
                }

                Push(pending, target);
                continue;
            }

            current = next;
        }

        return current;
    }

    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
}
