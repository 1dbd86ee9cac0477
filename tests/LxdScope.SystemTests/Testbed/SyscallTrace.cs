using System.Text.RegularExpressions;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// What a process did to the files under one directory, from <c>strace -f -ff -y</c> output (one
/// file per thread, every file descriptor decorated with the path it refers to): every call that
/// opens, changes, locks or maps a file there, judged read-only or not.
/// </summary>
internal sealed partial class SyscallTrace
{
    /// <summary>The system calls to trace: everything that opens, writes, renames, removes, locks or maps files, and reads (to count bytes).</summary>
    public const string Traced =
        "open,openat,openat2,creat,truncate,ftruncate,fallocate,rename,renameat,renameat2,unlink,unlinkat,rmdir,mkdir,mkdirat," +
        "link,linkat,symlink,symlinkat,chmod,fchmod,fchmodat,chown,fchown,fchownat,lchown,utimensat,utimes,setxattr,lsetxattr," +
        "fsetxattr,removexattr,lremovexattr,fremovexattr,mknod,mknodat,write,pwrite64,writev,pwritev,pwritev2,copy_file_range," +
        "sendfile,splice,fcntl,flock,mmap,fsync,fdatasync,sync_file_range,read,pread64,readv,preadv";

    private static readonly HashSet<string> Opens = ["open", "openat", "openat2", "creat"];

    private static readonly HashSet<string> Reads = ["read", "pread64", "readv", "preadv"];

    // Calls that change a file or a directory entry whatever their arguments.
    private static readonly HashSet<string> Changes =
    [
        "creat", "truncate", "ftruncate", "fallocate", "rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir", "mkdir",
        "mkdirat", "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "chown", "fchown", "fchownat", "lchown",
        "utimensat", "utimes", "setxattr", "lsetxattr", "fsetxattr", "removexattr", "lremovexattr", "fremovexattr", "mknod",
        "mknodat", "write", "pwrite64", "writev", "pwritev", "pwritev2", "copy_file_range", "sendfile", "splice", "fsync",
        "fdatasync", "sync_file_range",
    ];

    private static readonly string[] WriteFlags = ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND", "O_TMPFILE"];

    private readonly string root;

    private SyscallTrace(string root) => this.root = root.TrimEnd('/');

    /// <summary>Calls on files under the directory, as "syscall(args) = result" lines.</summary>
    public List<string> Touching { get; } = [];

    /// <summary>Calls that could change a file under the directory, or lock or map it for writing.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Opens of files under the directory.</summary>
    public int OpenCount { get; private set; }

    /// <summary>Files under the directory that were opened, relative to it.</summary>
    public SortedSet<string> FilesOpened { get; } = new(StringComparer.Ordinal);

    public long BytesRead { get; private set; }

    public int ReadLocks { get; private set; }

    public int SharedFlocks { get; private set; }

    public int Lines { get; private set; }

    public static SyscallTrace Read(string traceDirectory, string prefix, string root)
    {
        var trace = new SyscallTrace(root);
        foreach (var file in Directory.EnumerateFiles(traceDirectory, prefix + ".*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                trace.Judge(line);
            }
        }

        return trace;
    }

    private void Judge(string line)
    {
        var paren = line.IndexOf('(', StringComparison.Ordinal);
        if (paren <= 0 || line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal))
        {
            return;
        }

        Lines++;
        var name = line[..paren];
        var paths = PathsOf(line, name);
        if (!paths.Any(Under))
        {
            return;
        }

        Touching.Add(line);
        if (Opens.Contains(name))
        {
            OpenCount++;
            foreach (var p in paths.Where(Under))
            {
                FilesOpened.Add(Path.GetRelativePath(root, p));
            }

            if (WriteFlags.Any(f => FlagsOf(line).Contains(f, StringComparer.Ordinal)))
            {
                Violations.Add(line);
            }
        }
        else if (Changes.Contains(name))
        {
            Violations.Add(line);
        }
        else if (name == "fcntl" && line.Contains("F_WRLCK", StringComparison.Ordinal))
        {
            Violations.Add(line);
        }
        else if (name == "fcntl" && line.Contains("F_RDLCK", StringComparison.Ordinal))
        {
            ReadLocks++;
        }
        else if (name == "flock" && line.Contains("LOCK_EX", StringComparison.Ordinal))
        {
            Violations.Add(line);
        }
        else if (name == "flock" && line.Contains("LOCK_SH", StringComparison.Ordinal))
        {
            SharedFlocks++;
        }
        else if (name == "mmap" && line.Contains("PROT_WRITE", StringComparison.Ordinal) && line.Contains("MAP_SHARED", StringComparison.Ordinal))
        {
            Violations.Add(line);
        }
        else if (Reads.Contains(name) && Result().Match(line) is { Success: true } m)
        {
            BytesRead += long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private bool Under(string path) => path == root || path.StartsWith(root + "/", StringComparison.Ordinal);

    /// <summary>
    /// The files a call refers to: every descriptor's decoration, and every path argument made
    /// absolute against the directory descriptor before it (or the working directory).
    /// </summary>
    private static List<string> PathsOf(string line, string name)
    {
        var paths = new List<string>();
        foreach (Match d in Decorated().Matches(line))
        {
            if (!d.Groups[1].Value.StartsWith("socket:", StringComparison.Ordinal) && !d.Groups[1].Value.StartsWith("pipe:", StringComparison.Ordinal))
            {
                paths.Add(d.Groups[1].Value);
            }
        }

        if (name is "connect" or "read" or "write" or "pread64" or "pwrite64")
        {
            return paths; // their string arguments are data, not paths
        }

        var dirfd = DirFd().Match(line) is { Success: true } at ? at.Groups[1].Value : null;
        foreach (Match s in QuotedString().Matches(line))
        {
            var arg = s.Groups[1].Value;
            if (arg.Length == 0)
            {
                continue;
            }

            paths.Add(arg.StartsWith('/') ? arg : dirfd is null ? arg : Path.Combine(dirfd, arg));
        }

        return paths;
    }

    private static string[] FlagsOf(string line)
    {
        var flags = OpenFlags().Match(line);
        return flags.Success ? flags.Groups[1].Value.Split('|') : [];
    }

    // "12</var/lib/lxd/database/local.db>" and "AT_FDCWD</cwd>".
    [GeneratedRegex(@"(?:\d+|AT_FDCWD)<([^>]*)>")]
    private static partial Regex Decorated();

    // The directory an *at() call resolves its path against: its first argument.
    [GeneratedRegex(@"^\w+\((?:\d+|AT_FDCWD)<([^>]*)>, ")]
    private static partial Regex DirFd();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\b((?:O_[A-Z]+\|?)+)")]
    private static partial Regex OpenFlags();

    [GeneratedRegex(@"\) += (\d+)")]
    private static partial Regex Result();
}
