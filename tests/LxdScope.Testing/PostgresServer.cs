using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LxdScope.Testing;

/// <summary>
/// A real PostgreSQL server from Debian's packages, started once per test run: initdb in a temp
/// directory, a loopback port, its unix socket in that directory, fsync on (as in production).
/// Each test class gets a database of its own. Stopped by its PID when the test process exits.
/// </summary>
public sealed partial class PostgresServer
{
    /// <summary>Where Debian's postgresql package puts the server (override with LXDSCOPE_TEST_PG_BIN).</summary>
    public const string DefaultBin = "/usr/lib/postgresql/15/bin";

    private static readonly Queue<string> Log = new();

    private static readonly Lazy<PostgresServer> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string directory;
    private readonly Process process;

    private PostgresServer(string directory, int port, Process process)
    {
        this.directory = directory;
        Port = port;
        this.process = process;
    }

    /// <summary>The server of this test run, started on first use.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    public int Port { get; }

    /// <summary>The PID to stop (tests that kill and restart things must never touch it).</summary>
    public int ProcessId => process.Id;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Timeout=5";

    private static PostgresServer Start()
    {
        var bin = Environment.GetEnvironmentVariable("LXDSCOPE_TEST_PG_BIN") ?? DefaultBin;
        if (!File.Exists(Path.Combine(bin, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL is not installed at {bin}: run deploy/install-deps (Debian package postgresql).");
        }

        RemoveStale();
        var directory = Path.Combine(Path.GetTempPath(), "lxdscope-pg-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(directory);
        // initdb and postgres refuse to run as root: as root, run them as Debian's postgres user.
        var asUser = Environment.UserName == "root" ? "postgres" : null;
        if (asUser is not null)
        {
            Run("chown", [asUser, directory]);
        }

        Run(bin, asUser, "initdb", ["-D", data, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-instructions"]);
        var port = FreePort();
        var server = Spawn(bin, asUser, "postgres",
        [
            "-D", data,
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=" + directory,
            "-c", "fsync=on",
            "-c", "max_connections=300",
            "-c", "shared_buffers=64MB",
        ]);
        var started = new PostgresServer(directory, port, server);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => started.Stop();
        // The test host may be ended before its exit handler is done (or killed): a watchdog in
        // a session of its own stops the server and deletes the directory once this process is gone.
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using var watchdog = Process.Start(new ProcessStartInfo("setsid",
        [
            "sh", "-c",
            "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; "
            + "p=$(head -n1 \"$2/data/postmaster.pid\" 2>/dev/null) && kill -QUIT \"$p\" 2>/dev/null; "
            + "for i in 1 2 3 4 5 6 7 8 9 10; do [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null && sleep 1; done; rm -rf \"$2\"",
            "watchdog", pid, directory,
        ])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        started.WaitReady();
        return started;
    }

    private void WaitReady()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited at start (code {process.ExitCode}): {LastLog()}");
            }

            try
            {
                using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                connection.Open();
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>
    /// Directories of earlier runs whose server is gone: the test host may end before the exit
    /// handler has deleted its directory. Only those an hour old, so a run starting beside this one keeps its own.
    /// </summary>
    private static void RemoveStale()
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), "lxdscope-pg-*"))
        {
            var pidFile = Path.Combine(stale, "data", "postmaster.pid");
            if (Directory.GetLastWriteTimeUtc(stale) > DateTime.UtcNow.AddHours(-1)
                || (File.Exists(pidFile) && Directory.Exists($"/proc/{File.ReadLines(pidFile).FirstOrDefault()}")))
            {
                continue;
            }

            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static string LastLog()
    {
        lock (Log)
        {
            return string.Join('\n', Log);
        }
    }

    private void Stop()
    {
        // The postmaster's own PID (runuser may exit before it). SIGQUIT is its "immediate"
        // shutdown: no checkpoint, which nobody needs for data deleted next, and the test host
        // gives exit handlers little time. The directory goes once the server is gone.
        var postmaster = File.Exists(Path.Combine(directory, "data", "postmaster.pid"))
            ? int.Parse(File.ReadLines(Path.Combine(directory, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture)
            : (int?)null;
        if (postmaster is { } pid)
        {
            Signal("QUIT", pid);
            var deadline = Stopwatch.StartNew();
            while (Directory.Exists($"/proc/{pid}") && deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                Thread.Sleep(50);
            }

            if (Directory.Exists($"/proc/{pid}"))
            {
                Signal("KILL", pid);
            }
        }

        if (!process.WaitForExit(1_000))
        {
            Signal("KILL", process.Id);
        }

        for (var attempt = 0; attempt < 3 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
        }
    }

    // kill(2) directly: starting a process from an exit handler is not reliable in .NET.
    private static void Signal(string signal, int pid) => _ = Kill(pid, signal switch { "QUIT" => 3, "KILL" => 9, _ => 15 });

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    // 55400-55499: the loopback range set aside for test databases.
    private static int FreePort()
    {
        for (var port = 55400 + Random.Shared.Next(100); ; port = 55400 + Random.Shared.Next(100))
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    private static void Run(string file, IReadOnlyList<string> args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
        }
    }

    private static void Run(string bin, string? asUser, string tool, IReadOnlyList<string> args) =>
        Run(asUser is null ? Path.Combine(bin, tool) : "runuser", asUser is null ? args : ["-u", asUser, "--", Path.Combine(bin, tool), .. args]);

    private static Process Spawn(string bin, string? asUser, string tool, IReadOnlyList<string> args)
    {
        // setsid: the server gets a process group of its own, so Stop can signal runuser and postgres together.
        var start = new ProcessStartInfo("setsid", asUser is null ? [Path.Combine(bin, tool), .. args] : ["runuser", "-u", asUser, "--", Path.Combine(bin, tool), .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        // Drained, or a full pipe would stop the server; the last lines explain a failed start.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (Log)
                {
                    Log.Enqueue(line);
                    while (Log.Count > 50)
                    {
                        Log.Dequeue();
                    }
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
