using LxdScope.SystemTests.Commands;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Incus;

[Collection(IncusPostMortemCollection.Name)]
public sealed class IncusForensicsPostMortemTests(IncusPostMortemTestbedFixture testbed) : ForensicsPostMortemChecks(testbed);
