using LxdScope.Lxd.Global;
using LxdScope.Lxd.Sqlite;

namespace LxdScope.Lxd.Tests.Global;

/// <summary>LxdScope's global queries run against empty databases made from real DDL of each era.</summary>
public sealed class GlobalReaderTests
{
    [Fact]
    public async Task Schema_13_reads_containers_and_maps_pending_to_state()
    {
        using var db = SchemaFiles.InMemory(
            "Global/Schemas/global-13.sql",
            "INSERT INTO projects (id, name) VALUES (1, 'default')",
            "INSERT INTO nodes (id, name, address, schema, api_extensions, heartbeat, pending) VALUES "
            + "(1, 'hypercube01', '192.168.0.46:8443', 13, 115, '2019-01-06 15:24:01', 0), (2, 'hypercube02', '192.168.0.47:8443', 13, 115, '2019-01-06 15:24:02', 1)",
            "INSERT INTO containers (node_id, name, architecture, type, project_id) VALUES (1, 'grafana', 2, 0, 1), (1, 'go', 2, 0, 1), (2, 'nginx', 2, 0, 1)",
            "INSERT INTO config (key, value) VALUES ('cluster.offline_threshold', '30')");

        var snapshot = await GlobalReader.ReadAsync(new SqliteSelectSource(db), LxdProduct.Lxd, CancellationToken.None);
        var instances = await InstanceCounts.ReadAsync(new SqliteSelectSource(db), snapshot.Schema, CancellationToken.None);

        Assert.Equal(13, snapshot.Schema.Version);
        Assert.Equal("containers", snapshot.Schema.InstancesTable);
        Assert.Equal(["hypercube01", "hypercube02"], snapshot.Members.Select(m => m.Name));
        Assert.Equal([0, 1], snapshot.Members.Select(m => m.StateCode));
        Assert.Equal([0, 0], snapshot.Members.Select(m => m.Arch));
        Assert.All(snapshot.Members, m => Assert.Empty(m.Roles));
        Assert.Equal(new DateTimeOffset(2019, 1, 6, 15, 24, 1, TimeSpan.Zero), snapshot.Members[0].Heartbeat);
        Assert.Equal([new InstanceCount(1, "default", 0, 2), new InstanceCount(2, "default", 0, 1)], instances);
        Assert.Equal(TimeSpan.FromSeconds(30), snapshot.OfflineThreshold);
    }

    [Fact]
    public async Task Schema_30_reads_instances_arch_and_pending()
    {
        using var db = SchemaFiles.InMemory(
            "Global/Schemas/global-30.sql",
            "INSERT INTO projects (id, name) VALUES (1, 'default'), (2, 'web')",
            "INSERT INTO nodes (id, name, address, schema, api_extensions, heartbeat, pending, arch) VALUES "
            + "(1, 'n1', '10.0.0.1:8443', 30, 189, '2020-05-01 10:00:00.123456789+00:00', 0, 2), (2, 'n2', '10.0.0.2:8443', 30, 189, '2020-05-01 10:00:01', 0, 4)",
            "INSERT INTO nodes_roles (node_id, role) VALUES (1, 0), (2, 1)",
            "INSERT INTO instances (node_id, name, architecture, type, project_id) VALUES (1, 'a', 2, 0, 1), (1, 'b', 2, 1, 2), (2, 'c', 4, 0, 2)");

        var snapshot = await GlobalReader.ReadAsync(new SqliteSelectSource(db), LxdProduct.Lxd, CancellationToken.None);
        var instances = await InstanceCounts.ReadAsync(new SqliteSelectSource(db), snapshot.Schema, CancellationToken.None);

        Assert.Equal("instances", snapshot.Schema.InstancesTable);
        Assert.Equal([2, 4], snapshot.Members.Select(m => m.Arch));
        Assert.Empty(snapshot.Members[0].Roles); // role 0 ("database") was dropped by LXD 4.3: raft says who votes
        Assert.Equal(["event-hub"], snapshot.Members[1].Roles);
        Assert.Null(snapshot.Members[0].FailureDomain);
        Assert.Equal(new DateTimeOffset(2020, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), snapshot.Members[0].Heartbeat);
        Assert.Equal(
            [new InstanceCount(1, "default", 0, 1), new InstanceCount(1, "web", 1, 1), new InstanceCount(2, "web", 0, 1)],
            instances);
        Assert.Equal(GlobalSnapshot.DefaultOfflineThreshold, snapshot.OfflineThreshold);
    }

    [Theory]
    [InlineData(60, LxdProduct.Lxd, "control-plane")]
    [InlineData(73, LxdProduct.Lxd, "control-plane")]
    [InlineData(77, LxdProduct.Incus, "database-client")]
    public async Task Current_schemas_read_state_failure_domains_and_product_specific_roles(int version, LxdProduct product, string role3)
    {
        using var db = SchemaFiles.InMemory(
            "Global/Schemas/global-60.sql",
            $"INSERT INTO schema (version, updated_at) VALUES ({version}, 1764295705)",
            "INSERT INTO projects (id, name, description) VALUES (1, 'default', '')",
            "INSERT INTO nodes_failure_domains (id, name) VALUES (1, 'rack-a')",
            "INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch, failure_domain_id) VALUES "
            + "(1, 'node1', '', '127.0.0.1:8443', 60, 318, '2026-11-28 01:33:40.993803926+00:00', 0, 2, 1),"
            + "(2, 'node2', '', '127.0.0.2:8443', 60, 318, '2026-11-28 01:33:41', 2, 2, NULL)",
            "INSERT INTO nodes_roles (node_id, role) VALUES (1, 2), (1, 3)",
            "INSERT INTO instances (node_id, name, architecture, type, project_id, description) VALUES (1, 'c1', 2, 0, 1, ''), (2, 'c2', 2, 0, 1, '')",
            "INSERT INTO config (key, value) VALUES ('cluster.offline_threshold', '11')");

        var snapshot = await GlobalReader.ReadAsync(new SqliteSelectSource(db), product, CancellationToken.None);
        var instances = await InstanceCounts.ReadAsync(new SqliteSelectSource(db), snapshot.Schema, CancellationToken.None);

        Assert.Equal(version, snapshot.Schema.Version);
        Assert.Equal([0, 2], snapshot.Members.Select(m => m.StateCode));
        Assert.Equal("rack-a", snapshot.Members[0].FailureDomain);
        Assert.Null(snapshot.Members[1].FailureDomain);
        Assert.Equal(["ovn-chassis", role3], snapshot.Members[0].Roles);
        Assert.Equal(TimeSpan.FromSeconds(11), snapshot.OfflineThreshold);
        Assert.Equal(2, instances.Sum(i => i.Count));
    }

    [Fact]
    public async Task A_current_schema_is_read_with_one_query_and_roles_in_number_order()
    {
        using var db = SchemaFiles.InMemory(
            "Global/Schemas/global-60.sql",
            "INSERT INTO schema (version, updated_at) VALUES (60, 1764295705)",
            "INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch) VALUES "
            + "(1, 'node1', '', '127.0.0.1:8443', 60, 318, '2026-11-28 01:33:40', 0, 2)",
            "INSERT INTO nodes_roles (node_id, role) VALUES (1, 3), (1, 0), (1, 1)");
        var source = new RecordingSelectSource(new SqliteSelectSource(db));

        var snapshot = await GlobalReader.ReadAsync(source, LxdProduct.Lxd, CancellationToken.None);

        Assert.Single(source.Queries);
        Assert.Equal(60, snapshot.Schema.Version);
        Assert.Equal(["event-hub", "control-plane"], snapshot.Members[0].Roles);
        Assert.Equal(GlobalSnapshot.DefaultOfflineThreshold, snapshot.OfflineThreshold);
    }

    [Theory]
    [InlineData("global-13.sql", 13)]
    [InlineData("global-48.sql", 48)]
    public async Task An_older_schema_refuses_the_newest_shape_and_is_read_with_its_own(string file, int version)
    {
        using var db = SchemaFiles.InMemory($"Global/Schemas/{file}"); // each file records its own version
        var source = new RecordingSelectSource(new SqliteSelectSource(db));

        var snapshot = await GlobalReader.ReadAsync(source, LxdProduct.Lxd, CancellationToken.None);

        Assert.Equal(version, snapshot.Schema.Version);
        Assert.Equal(
            [new GlobalSchema(GlobalSchema.NewestShapeVersion, LxdProduct.Lxd).MembersQuery, GlobalSchema.VersionQuery, snapshot.Schema.MembersQuery],
            source.Queries);
    }

    [Fact]
    public async Task A_daemon_that_does_not_answer_is_not_asked_again()
    {
        var source = new TimingOutSelectSource();

        var e = await Assert.ThrowsAsync<Lxd.Api.LxdApiException>(() => GlobalReader.ReadAsync(source, LxdProduct.Lxd, CancellationToken.None));

        Assert.True(e.TimedOut);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public void Version_thresholds_follow_LXDs_updates()
    {
        Assert.False(new GlobalSchema(14, LxdProduct.Lxd).HasInstancesTable);
        Assert.True(new GlobalSchema(15, LxdProduct.Lxd).HasInstancesTable);
        Assert.False(new GlobalSchema(17, LxdProduct.Lxd).HasNodesRoles);
        Assert.True(new GlobalSchema(18, LxdProduct.Lxd).HasNodesRoles);
        Assert.False(new GlobalSchema(19, LxdProduct.Lxd).HasArch);
        Assert.True(new GlobalSchema(20, LxdProduct.Lxd).HasArch);
        Assert.False(new GlobalSchema(31, LxdProduct.Lxd).HasFailureDomains);
        Assert.True(new GlobalSchema(32, LxdProduct.Lxd).HasFailureDomains);
        Assert.False(new GlobalSchema(48, LxdProduct.Lxd).HasNodeState);
        Assert.True(new GlobalSchema(49, LxdProduct.Lxd).HasNodeState);
    }

    [Fact]
    public void Every_query_is_a_single_SELECT_that_LXD_will_run_as_a_query()
    {
        foreach (var version in new[] { 13, 30, 60, 73 })
        {
            var schema = new GlobalSchema(version, LxdProduct.Lxd);
            foreach (var query in new[] { GlobalSchema.VersionQuery, schema.MembersQuery, schema.InstanceCountsQuery, GlobalSchema.InventoryQuery, schema.WarningsQuery ?? "SELECT 1" })
            {
                Lxd.Api.LxdSocketClient.RefuseUnlessSingleSelect(query);
            }
        }
    }
}
