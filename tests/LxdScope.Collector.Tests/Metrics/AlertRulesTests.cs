using System.Text.RegularExpressions;
using LxdScope.Collector.Metrics;
using LxdScope.Collector.Tests.Support;

namespace LxdScope.Collector.Tests.Metrics;

/// <summary>The alert rules in alerts/, checked with Prometheus's own promtool and against the metric catalogue.</summary>
public sealed partial class AlertRulesTests
{
    private static readonly string Root = Repository.Root;

    [Fact]
    public async Task The_rules_parse_and_every_alert_fires_and_stays_quiet_as_tested()
    {
        var check = await Promtool("check", "rules", "alerts/lxdscope.rules.yml");
        var test = await Promtool("test", "rules", "alerts/lxdscope.rules.test.yml");

        Assert.True(check.Exit == 0, check.Output);
        Assert.True(test.Exit == 0, test.Output);
    }

    [Fact]
    public void Every_alert_is_tested_and_has_a_runbook()
    {
        var rules = File.ReadAllText(Path.Combine(Root, "alerts", "lxdscope.rules.yml"));
        var tests = File.ReadAllText(Path.Combine(Root, "alerts", "lxdscope.rules.test.yml"));
        var runbooks = File.ReadAllText(Path.Combine(Root, "docs", "runbooks.md"));
        var alerts = AlertName().Matches(rules).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Contains($"alertname: {a}", tests, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.Contains($"## {a}\n", runbooks, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_metric_the_rules_use_is_in_the_catalogue_and_served()
    {
        var rules = File.ReadAllText(Path.Combine(Root, "alerts", "lxdscope.rules.yml"));
        var catalogue = File.ReadAllText(Path.Combine(Root, "docs", "metrics.md"));
        await using var collector = await TestCollector.StartAsync();
        // The collector's own families are served even without a cluster; a cluster's are written
        // with its first series, so they are named from the families that write them.
        var own = await collector.Client.GetStringAsync("/metrics");
        var clusterFamilies = ClusterFamilies.All.Select(f => f.Family.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var name in MetricName().Matches(rules).Select(m => m.Value).Distinct())
        {
            Assert.Contains($"`{name}`", catalogue, StringComparison.Ordinal);
            Assert.True(clusterFamilies.Contains(name) || own.Contains($"# TYPE {name} ", StringComparison.Ordinal), $"{name} is not served");
        }
    }

    [Fact]
    public void Every_cluster_series_counts_once_however_many_collectors_are_scraped()
    {
        var rules = File.ReadAllText(Path.Combine(Root, "alerts", "lxdscope.rules.yml"));
        var expressions = Expression().Matches(rules).Select(m => m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : m.Groups[2].Value).ToList();

        Assert.Equal(AlertName().Count(rules), expressions.Count);
        Assert.Empty(expressions.SelectMany(e => InstanceNeutral.Unaggregated(e).Select(name => $"{name} in {e}")));
        Assert.Contains("instance=\"c2:9470\"", File.ReadAllText(Path.Combine(Root, "alerts", "lxdscope.rules.test.yml")), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> Promtool(params string[] args)
    {
        var result = await Processes.RunAsync(
            "promtool", args.Select(a => a.StartsWith("alerts/", StringComparison.Ordinal) ? a["alerts/".Length..] : a), TimeSpan.FromMinutes(2), workingDirectory: Path.Combine(Root, "alerts"));
        return (result.ExitCode, result.Output);
    }

    [GeneratedRegex(@"- alert: (\w+)")]
    private static partial Regex AlertName();

    [GeneratedRegex(@"lxdscope_[a-z_]+")]
    private static partial Regex MetricName();

    // "expr: |" and the indented lines under it, or "expr: <one line>".
    [GeneratedRegex(@"expr: \|\n((?:[ ]{10,}.*\n)+)|expr: (.+)")]
    private static partial Regex Expression();
}
