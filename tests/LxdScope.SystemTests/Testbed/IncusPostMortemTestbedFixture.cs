namespace LxdScope.SystemTests.Testbed;

/// <summary>The Incus counterpart of <see cref="PostMortemTestbedFixture"/>, beside the run's Incus testbed.</summary>
public sealed class IncusPostMortemTestbedFixture() : ClusterTestbed(
    TestbedProduct.Incus,
    (Environment.GetEnvironmentVariable("LXDSCOPE_TEST_INCUS_TESTBED_DIR") ?? TestbedFixture.ConfiguredDir + "-incus") + "-postmortem",
    PostMortemTestbedFixture.Shifted(Environment.GetEnvironmentVariable("LXDSCOPE_TEST_INCUS_TESTBED_PORT") ?? TestbedFixture.ConfiguredPort),
    "0");
