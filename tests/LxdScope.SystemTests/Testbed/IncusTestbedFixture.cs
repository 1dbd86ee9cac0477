using System.Globalization;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// The run's real 3-member Incus 6.0 cluster, beside the LXD one: on 127.0.2.1-3, in a directory
/// of its own next to the LXD testbed's, its collector one port above the LXD stack's. Each
/// defaults from the LXD testbed's settings, so that a checkout given its own LXD ports and
/// directory gets its own Incus testbed too; LXDSCOPE_TEST_INCUS_TESTBED_DIR,
/// LXDSCOPE_TEST_INCUS_TESTBED_PORT and LXDSCOPE_TEST_INCUS_STACK_PORT override them.
/// </summary>
public sealed class IncusTestbedFixture() : ClusterTestbed(
    TestbedProduct.Incus,
    Environment.GetEnvironmentVariable("LXDSCOPE_TEST_INCUS_TESTBED_DIR") ?? TestbedFixture.ConfiguredDir + "-incus",
    Environment.GetEnvironmentVariable("LXDSCOPE_TEST_INCUS_TESTBED_PORT") ?? TestbedFixture.ConfiguredPort,
    Environment.GetEnvironmentVariable("LXDSCOPE_TEST_INCUS_STACK_PORT")
        ?? (int.Parse(TestbedFixture.ConfiguredStackPort, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
