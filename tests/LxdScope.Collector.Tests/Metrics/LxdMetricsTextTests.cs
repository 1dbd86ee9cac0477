using LxdScope.Collector.Metrics;

namespace LxdScope.Collector.Tests.Metrics;

public sealed class LxdMetricsTextTests
{
    // As LXD 5.0.2 serves /1.0/metrics (abridged from the testbed).
    private const string Node1 = """
        # HELP lxd_cpu_seconds_total The total number of CPU time used in seconds.
        # TYPE lxd_cpu_seconds_total counter
        lxd_cpu_seconds_total{cpu="0",mode="system",name="c1",project="default",type="container"} 0.5
        # HELP lxd_procs_total The number of running processes.
        # TYPE lxd_procs_total gauge
        lxd_procs_total{name="c1",project="default",type="container"} 1
        """;

    private const string Node3 = """
        # HELP lxd_cpu_seconds_total The total number of CPU time used in seconds.
        # TYPE lxd_cpu_seconds_total counter
        lxd_cpu_seconds_total{cpu="0",mode="system",name="c3",project="default",type="container"} 2
        """;

    [Fact]
    public void Families_merge_across_members_with_cluster_and_member_labels_and_one_header()
    {
        var text = LxdMetricsText.Relabel([("prod", "node1", Node1), ("prod", "node3", Node3)]);

        Assert.Equal(
            """
            # HELP lxd_cpu_seconds_total The total number of CPU time used in seconds.
            # TYPE lxd_cpu_seconds_total counter
            lxd_cpu_seconds_total{cluster="prod",member="node1",cpu="0",mode="system",name="c1",project="default",type="container"} 0.5
            lxd_cpu_seconds_total{cluster="prod",member="node3",cpu="0",mode="system",name="c3",project="default",type="container"} 2
            # HELP lxd_procs_total The number of running processes.
            # TYPE lxd_procs_total gauge
            lxd_procs_total{cluster="prod",member="node1",name="c1",project="default",type="container"} 1

            """,
            text);
    }

    [Fact]
    public void Foreign_families_and_garbage_lines_are_dropped()
    {
        const string hostile = """
            # TYPE lxdscope_database_quorum gauge
            lxdscope_database_quorum{cluster="prod"} 1
            up 1
            lxd_ok 3
            lxd_broken{name="x" 1
            {}} 2
            """;

        var text = LxdMetricsText.Relabel([("prod", "node\"1", hostile)]);

        Assert.Equal("lxd_ok{cluster=\"prod\",member=\"node\\\"1\"} 3\n", text);
    }

    [Fact]
    public void Incus_instance_metrics_from_a_real_daemon_pass_under_their_own_names_with_cluster_and_member()
    {
        var served = Fixture("incus-6.0.4-metrics-refresh.txt");

        var text = LxdMetricsText.Relabel([("lab", "node1", served)]);

        var samples = served.Split('\n').Where(l => l.StartsWith("incus_", StringComparison.Ordinal)).ToList();
        Assert.Equal(32, samples.Count);
        var lines = text.Split('\n');
        foreach (var sample in samples)
        {
            Assert.Contains(sample.Replace("{", "{cluster=\"lab\",member=\"node1\",", StringComparison.Ordinal), lines);
        }

        Assert.Equal(samples.Count, lines.Count(l => l.StartsWith("incus_", StringComparison.Ordinal)));
        Assert.Contains("# TYPE incus_cpu_seconds_total counter", lines);
        Assert.Contains("incus_memory_MemTotal_bytes{cluster=\"lab\",member=\"node1\",name=\"c1\",project=\"default\",type=\"container\"} 2.4683548e+10", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("lxd_", StringComparison.Ordinal) || l.Contains("EOF", StringComparison.Ordinal));
    }

    [Fact]
    public void Incus_internal_metrics_of_a_cached_answer_pass_with_only_cluster_and_member()
    {
        var text = LxdMetricsText.Relabel([("lab", "node1", Fixture("incus-6.0.4-metrics-cached.txt"))]);

        var lines = text.Split('\n');
        Assert.Contains("incus_go_goroutines{cluster=\"lab\",member=\"node1\"} 70", lines);
        Assert.Contains("# TYPE incus_uptime_seconds counter", lines);
        Assert.Contains(lines, l => l.StartsWith("incus_cpu_seconds_total{cluster=\"lab\",member=\"node1\",cpu=\"0\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_Incus_member_without_running_instances_adds_nothing()
    {
        // What a real Incus 6.0.4 member with no running instance answers when it rebuilds its cache.
        Assert.Equal("", LxdMetricsText.Relabel([("lab", "node3", "# EOF\n")]));
    }

    [Fact]
    public void LXD_and_Incus_clusters_side_by_side_keep_each_product_s_names()
    {
        var text = LxdMetricsText.Relabel([("lab", "node1", Fixture("incus-6.0.4-metrics-refresh.txt")), ("prod", "node1", Node1)]);

        var lines = text.Split('\n');
        Assert.Contains("lxd_procs_total{cluster=\"prod\",member=\"node1\",name=\"c1\",project=\"default\",type=\"container\"} 1", lines);
        Assert.Contains(lines, l => l.StartsWith("incus_procs_total{cluster=\"lab\",member=\"node1\",name=\"c1\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("lxd_", StringComparison.Ordinal) && l.Contains("cluster=\"lab\"", StringComparison.Ordinal));
        Assert.Single(lines, l => l == "# TYPE incus_procs_total gauge");
        Assert.Single(lines, l => l == "# TYPE lxd_procs_total gauge");
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Metrics", "Fixtures", name));
}
