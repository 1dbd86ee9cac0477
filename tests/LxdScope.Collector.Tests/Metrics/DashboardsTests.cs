using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LxdScope.Collector.Tests.Metrics;

/// <summary>The Grafana dashboards in dashboards/: valid, templated on the datasource, and querying only metrics that exist.</summary>
public sealed partial class DashboardsTests
{
    private static readonly string Root = Repository.Root;

    // LXD 5.0's instance metric families and Incus's same families under its own prefix (docs/metrics.md), re-exported at /metrics/lxd.
    private static readonly string[] LxdFamilies = ["lxd_cpu_seconds_total", "lxd_memory_", "lxd_network_", "lxd_disk_", "lxd_filesystem_", "lxd_procs_total"];
    private static readonly string[] DaemonFamilies = [.. LxdFamilies, .. LxdFamilies.Select(f => "incus_" + f["lxd_".Length..])];

    public static TheoryData<string> Dashboards() =>
        new(Directory.EnumerateFiles(Path.Combine(Root, "dashboards"), "*.json").Select(Path.GetFileName).Order()!);

    [Fact]
    public void Every_container_panel_reads_LXD_s_and_Incus_s_families_alike()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "dashboards", "lxd-containers.json")));
        var expressions = doc.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .Where(e => e.Contains("lxd_", StringComparison.Ordinal) || e.Contains("incus_", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(expressions);
        foreach (var e in expressions)
        {
            // The Incus half is the LXD half with Incus's names: an operator with both sees every container on one dashboard.
            var halves = e.Split(" or ", StringSplitOptions.None);
            Assert.Equal(2, halves.Length);
            Assert.Equal(halves[0].Replace("lxd_", "incus_", StringComparison.Ordinal), halves[1]);
        }

        var variables = doc.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("definition").GetString());
        Assert.Equal("label_values(lxdscope_cluster_info, product)", variables["product"]);
        Assert.Contains("product=~\"$product\"", variables["cluster"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task Every_expression_parses_and_uses_only_catalogued_metrics(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "dashboards", file)));
        var root = doc.RootElement;
        Assert.Equal("DS_PROMETHEUS", root.GetProperty("__inputs")[0].GetProperty("name").GetString());
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Contains("cluster", variables);
        var expressions = root.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .Concat(root.GetProperty("annotations").GetProperty("list").EnumerateArray().Select(a => a.GetProperty("expr").GetString()!))
            .ToList();
        Assert.NotEmpty(expressions);

        var catalogue = File.ReadAllText(Path.Combine(Root, "docs", "metrics.md"));
        foreach (var name in expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct())
        {
            Assert.True(
                name.StartsWith("lxdscope_", StringComparison.Ordinal) ? catalogue.Contains($"`{name}`", StringComparison.Ordinal) : DaemonFamilies.Any(f => name.StartsWith(f, StringComparison.Ordinal)),
                $"{file} uses {name}, which no catalogue lists");
        }

        Assert.Empty(expressions.SelectMany(e => InstanceNeutral.Unaggregated(e).Select(name => $"{name} in {e}")));

        // promtool parses each expression as a recording rule, with the variables filled in.
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (var i = 0; i < expressions.Count; i++)
        {
            var expr = expressions[i].Replace("$cluster", "c", StringComparison.Ordinal).Replace("$member", ".*", StringComparison.Ordinal).Replace("$product", ".*", StringComparison.Ordinal);
            rules.Append(System.Globalization.CultureInfo.InvariantCulture, $"      - record: dashboard_expr_{i}\n        expr: {JsonSerializer.Serialize(expr, Support.TestJson.Default.String)}\n");
        }

        var path = Path.Combine(Path.GetTempPath(), $"lxdscope-{file}.rules.yml");
        await File.WriteAllTextAsync(path, rules.ToString());
        var check = await Processes.RunAsync("promtool", ["check", "rules", path], TimeSpan.FromMinutes(2));
        Assert.True(check.ExitCode == 0, check.Output);
    }

    [GeneratedRegex(@"\b(lxd(scope)?|incus)_[A-Za-z_]+")]
    private static partial Regex MetricName();
}
