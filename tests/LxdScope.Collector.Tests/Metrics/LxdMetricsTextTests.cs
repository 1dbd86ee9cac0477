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
}
