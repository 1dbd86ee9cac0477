using System.Globalization;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// A 3-member LXD cluster of its own for the post-mortem test, which deletes an instance, removes
/// a member and loses quorum: nothing another test relies on. Beside the run's testbed, in a
/// directory of its own and on its port plus 7.
/// </summary>
public sealed class PostMortemTestbedFixture() : ClusterTestbed(
    TestbedProduct.Lxd,
    TestbedFixture.ConfiguredDir + "-postmortem",
    Shifted(TestbedFixture.ConfiguredPort),
    "0")
{
    internal static string Shifted(string port) => (int.Parse(port, CultureInfo.InvariantCulture) + 7).ToString(CultureInfo.InvariantCulture);
}
