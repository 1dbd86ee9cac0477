using LxdScope.Cli.Tests.Commands;
using LxdScope.Cli.Tests.Testbed;

namespace LxdScope.Cli.Tests.Incus;

[Collection(IncusPostMortemCollection.Name)]
public sealed class IncusForensicsPostMortemTests(IncusPostMortemTestbedFixture testbed) : ForensicsPostMortemChecks(testbed);
