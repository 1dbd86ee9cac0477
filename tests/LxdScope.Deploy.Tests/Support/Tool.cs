using System.Diagnostics;

namespace LxdScope.Deploy.Tests.Support;

/// <summary>Runs a real tool (systemd-analyze, ansible-playbook, promtool, amtool) with a time limit.</summary>
internal static class Tool
{
    public static async Task<ToolResult> Run(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // Ansible writes its temporary files under HOME; keep them out of the operator's.
        info.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Path.GetTempPath(), "lxdscope-deploy-tests-ansible");
        info.Environment["ANSIBLE_NOCOLOR"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 2 minutes");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
