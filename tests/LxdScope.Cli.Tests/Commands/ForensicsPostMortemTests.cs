using LxdScope.Cli.Tests.Testbed;

namespace LxdScope.Cli.Tests.Commands;

[Collection(PostMortemCollection.Name)]
public sealed class ForensicsPostMortemTests(PostMortemTestbedFixture testbed) : ForensicsPostMortemChecks(testbed);
