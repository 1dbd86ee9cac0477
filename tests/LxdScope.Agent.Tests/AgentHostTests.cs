using LxdScope.Lxd;
using Microsoft.Extensions.Logging.Abstractions;

namespace LxdScope.Agent.Tests;

public sealed class AgentHostTests
{
    [Fact]
    public async Task Once_runs_every_collector_of_the_options_and_spools_nothing()
    {
        var spool = Path.Combine(Path.GetTempPath(), $"lxdscope-once-{Guid.NewGuid():N}");
        var options = new AgentOptions { Cluster = "prod", AgentId = "a1", SpoolDirectory = spool, Disabled = new HashSet<string>(["fan"]), Interval = TimeSpan.FromSeconds(15) };
        var host = new AgentHost(options, new LxdDirectory("/nonexistent/lxd"), NullLoggerFactory.Instance, TimeProvider.System);

        var report = await host.CollectOnceAsync(CancellationToken.None);

        Assert.Equal(("a1", "prod", "once", 1L), (report.AgentId, report.Cluster, report.Epoch, report.Sequence));
        Assert.Equal(AgentOptions.SourceNames.Where(c => c != "fan").Order(), report.Collectors.Select(c => c.Name).Order());
        Assert.Equal((0L, 0L, 15.0), (report.Self!.SpoolDepth, report.Self.SpoolDropped, report.Self.IntervalSeconds));
        Assert.True(report.Self.RssBytes > 0);
        Assert.False(Directory.Exists(spool));
    }
}
