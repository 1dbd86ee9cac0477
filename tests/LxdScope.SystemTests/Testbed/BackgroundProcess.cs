using System.Diagnostics;
using System.Text;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// A long-running server the test starts itself (Prometheus, Alertmanager): its output kept for
/// failure messages, and on dispose killed by its own process handle — never by name.
/// </summary>
internal sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private bool disposed;

    private BackgroundProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The last lines the process printed, for assertion messages.</summary>
    public string Tail
    {
        get
        {
            lock (output)
            {
                var lines = output.ToString().Split('\n');
                return string.Join('\n', lines.TakeLast(30));
            }
        }
    }

    public static BackgroundProcess Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var started = new BackgroundProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Kills the process; once, however often called.</summary>
    /// <summary>SIGTERM, as systemd stops a service, then waits for the process to exit by itself.</summary>
    /// <returns>False when it had not exited within <paramref name="limit"/>.</returns>
    public async Task<bool> TerminateAsync(TimeSpan limit)
    {
        if (process.HasExited)
        {
            return true;
        }

        await Processes.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(cts.Token);
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
