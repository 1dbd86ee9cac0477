using LxdScope.Cli.Tests.Commands;
using LxdScope.Cli.Tests.Testbed;

namespace LxdScope.Cli.Tests.Incus;

[Collection(IncusTestbedCollection.Name)]
public sealed class IncusSqlConsoleTests(IncusTestbedFixture testbed) : SqlConsoleChecks(testbed);
