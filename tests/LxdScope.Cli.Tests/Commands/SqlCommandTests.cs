using LxdScope.Cli.Tests.Testbed;

namespace LxdScope.Cli.Tests.Commands;

[Collection(TestbedCollection.Name)]
public sealed class SqlCommandTests(TestbedFixture testbed) : SqlCommandChecks(testbed);
