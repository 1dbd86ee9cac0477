namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// The run's real 3-member LXD cluster, on 127.0.0.1-3 with a port of its own so it never meets
/// an operator's testbed.
/// </summary>
public sealed class TestbedFixture() : ClusterTestbed(TestbedProduct.Lxd, ConfiguredDir, ConfiguredPort, ConfiguredStackPort)
{
    /// <summary>LXD's cluster port; overridable so that two checkouts can test side by side.</summary>
    public static readonly string ConfiguredPort = Environment.GetEnvironmentVariable("LXDSCOPE_TEST_TESTBED_PORT") ?? "18443";

    /// <summary>The port of the collector that deploy/testbed/stack starts for the tests.</summary>
    public static readonly string ConfiguredStackPort = Environment.GetEnvironmentVariable("LXDSCOPE_TEST_STACK_PORT") ?? "19471";

    public static readonly string ConfiguredDir = Environment.GetEnvironmentVariable("LXDSCOPE_TEST_TESTBED_DIR") ?? "/var/tmp/lxdscope-test-testbed";
}
