using System.Globalization;
using LxdScope.Bench.IngestLoad;

// Usage (from the repository root; the collector is started from ./lxdscope, NativeAOT):
//   dotnet run -c Release --project bench/IngestLoad -- [--agents 500] [--seconds 60] [--sizes 1,10]
// Each size runs against a fresh collector with its own database in a temporary directory.
var agents = Option("--agents", 500);
var seconds = Option("--seconds", 60);
var sizes = (Value("--sizes") ?? "1,10").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var repo = RepoRoot();
var failed = false;
Console.WriteLine($"{Environment.ProcessorCount} CPUs; load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
foreach (var size in sizes)
{
    var dir = Path.Combine(Path.GetTempPath(), "lxdscope-ingest-load-" + Guid.NewGuid().ToString("N")[..8]);
    try
    {
        // 3-member clusters, each with its own token: 500 agents are 167 clusters.
        await using var collector = await CollectorProcess.StartAsync(Path.Combine(repo, "lxdscope"), dir, clusters: (agents + 2) / 3);
        var run = await LoadGenerator.RunAsync(new LoadOptions
        {
            Collector = collector.Url,
            Clusters = collector.Clusters,
            Agents = agents,
            Duration = TimeSpan.FromSeconds(seconds),
            SizeFactor = size,
            CollectorPid = collector.Pid,
        });
        var missing = await StoredReports.MissingAsync(collector.DatabasePath, run);
        Console.WriteLine($"size ×{size}: {run.Summary()}; acknowledged but not stored: {missing.Count}");
        failed |= run.ErrorCount > 0 || missing.Count > 0;
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
return failed ? 1 : 0;

string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

int Option(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LxdScope.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("LxdScope.sln not found above the benchmark's binaries");
}
