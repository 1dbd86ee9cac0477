using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

[Collection(PostMortemCollection.Name)]
public sealed class ForensicsPostMortemTests(PostMortemTestbedFixture testbed) : ForensicsPostMortemChecks(testbed);
