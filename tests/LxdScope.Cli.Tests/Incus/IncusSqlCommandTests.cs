using LxdScope.Cli.Tests.Commands;
using LxdScope.Cli.Tests.Testbed;

namespace LxdScope.Cli.Tests.Incus;

[Collection(IncusTestbedCollection.Name)]
public sealed class IncusSqlCommandTests(IncusTestbedFixture testbed) : SqlCommandChecks(testbed);
