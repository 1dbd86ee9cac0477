using System.Diagnostics;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Fan;

/// <summary>
/// <c>lxdscope fan capture</c> running inside a host namespace (started through <c>ip netns exec</c>,
/// so libpcap opens that namespace's eth0), stopped with SIGTERM like an operator's Ctrl-C.
/// </summary>
internal sealed class FanCaptureProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderrRest;
    private readonly string _stderrHead;

    private FanCaptureProcess(Process process, string stderrHead)
    {
        _process = process;
        _stderrHead = stderrHead;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderrRest = process.StandardError.ReadToEndAsync();
    }

    public static async Task<FanCaptureProcess> StartAsync(string ns, string pcapPath, params string[] options)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var a in (string[])["netns", "exec", ns, Executable.Launcher, "fan", "capture", "-i", "eth0", "--underlay", "192.168.0.0/16", "-w", pcapPath, "--format", "json", .. options])
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ip netns exec");

        // The launcher may build first; the capture says when it is listening.
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));
            var head = new System.Text.StringBuilder();
            while (await process.StandardError.ReadLineAsync(cts.Token) is { } line)
            {
                head.AppendLine(line);
                if (line.Contains("capturing on eth0", StringComparison.Ordinal))
                {
                    return new FanCaptureProcess(process, head.ToString());
                }
            }

            await process.WaitForExitAsync(cts.Token);
            throw new InvalidOperationException($"fan capture exited with {process.ExitCode} before capturing: {head}");
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGTERM, then the report it printed.</summary>
    public async Task<ProcessResult> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
        return new ProcessResult(_process.ExitCode, await _stdout, _stderrHead + await _stderrRest, TimeSpan.Zero);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
