namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// A network namespace of the test's own, with only its loopback, carrying addresses a fixture
/// names (a real cluster's, from the operator's notes): dialling them here reaches nothing outside.
/// Deleted on dispose; named by the test so that only it is ever removed.
/// </summary>
internal sealed class NetworkNamespace : IAsyncDisposable
{
    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    public static async Task<NetworkNamespace> CreateAsync(string name, IEnumerable<string> loopbackAddresses)
    {
        await Ip(true, "netns", "del", name); // left over from a killed run of this test
        await Ip(false, "netns", "add", name);
        var ns = new NetworkNamespace(name);
        await Ip(false, "-n", name, "link", "set", "lo", "up");
        foreach (var address in loopbackAddresses.Distinct(StringComparer.Ordinal))
        {
            await Ip(false, "-n", name, "addr", "add", $"{address}/32", "dev", "lo");
        }

        return ns;
    }

    /// <summary>The command line that runs <paramref name="file"/> inside the namespace.</summary>
    public IEnumerable<string> Exec(string file, params string[] args) => ["netns", "exec", Name, file, .. args];

    public Task<ProcessResult> RunAsync(TimeSpan timeout, string file, params string[] args) =>
        Processes.RunAsync("ip", Exec(file, args), timeout);

    public async ValueTask DisposeAsync() => await Ip(true, "netns", "del", Name);

    private static async Task Ip(bool allowFailure, params string[] words)
    {
        var result = await Processes.RunAsync("ip", words, TimeSpan.FromSeconds(20));
        if (result.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', words)}: {result.Stderr}");
        }
    }
}
