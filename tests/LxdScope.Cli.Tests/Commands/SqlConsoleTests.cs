using LxdScope.Cli.Tests.Testbed;

namespace LxdScope.Cli.Tests.Commands;

[Collection(TestbedCollection.Name)]
public sealed class SqlConsoleTests(TestbedFixture testbed) : SqlConsoleChecks(testbed);
