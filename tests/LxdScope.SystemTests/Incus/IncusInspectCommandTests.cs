using LxdScope.SystemTests.Commands;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Incus;

[Collection(IncusTestbedCollection.Name)]
public sealed class IncusInspectCommandTests(IncusTestbedFixture testbed) : InspectCommandChecks(testbed);
