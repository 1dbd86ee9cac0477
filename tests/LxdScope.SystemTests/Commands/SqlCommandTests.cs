using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

[Collection(TestbedCollection.Name)]
public sealed class SqlCommandTests(TestbedFixture testbed) : SqlCommandChecks(testbed);
