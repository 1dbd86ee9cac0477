using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LxdScope.Collector.Tests.Support;

/// <summary>
/// A real PostgreSQL server from Debian's packages, started once per test run: initdb in a temp
/// directory, a loopback port, its unix socket in that directory, fsync on (as in production).
/// Each test class gets a database of its own. Stopped by its PID when the test process exits.
/// </summary>
internal sealed class PostgresServer
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

    private static string LastLog()
    {
        lock (Log)
        {
            return string.Join('\n', Log);
        }
    }

    private void Stop()
    {
        try
        {
            if (!process.HasExited)
            {
                // SIGINT: PostgreSQL's "fast" shutdown (the process is runuser's child when run as root; signal the whole group).
                Process.Start("kill", ["-INT", "--", "-" + process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
                if (!process.WaitForExit(10_000))
                {
                    Process.Start("kill", ["-KILL", "--", "-" + process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

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
