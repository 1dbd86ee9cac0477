using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

[Collection(TestbedCollection.Name)]
public sealed class SqlConsoleTests(TestbedFixture testbed) : SqlConsoleChecks(testbed);
