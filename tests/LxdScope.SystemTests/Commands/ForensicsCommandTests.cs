using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

[Collection(TestbedCollection.Name)]
public sealed class ForensicsCommandTests(TestbedFixture testbed) : ForensicsCommandChecks(testbed);
