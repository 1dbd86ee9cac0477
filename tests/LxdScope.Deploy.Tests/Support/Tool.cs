namespace LxdScope.Deploy.Tests.Support;

/// <summary>Runs a real tool (systemd-analyze, ansible-playbook, promtool, amtool) with a time limit.</summary>
internal static class Tool
{
    // Ansible writes its temporary files under HOME; keep them out of the operator's.
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Path.GetTempPath(), "lxdscope-deploy-tests-ansible"),
        ["ANSIBLE_NOCOLOR"] = "1",
    };

    public static Task<ProcessResult> Run(string file, string workingDirectory, params string[] args) =>
        Processes.RunAsync(file, args, TimeSpan.FromMinutes(2), Environment, workingDirectory);
}
