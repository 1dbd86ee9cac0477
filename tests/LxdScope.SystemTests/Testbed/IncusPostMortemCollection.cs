namespace LxdScope.SystemTests.Testbed;

/// <summary>The post-mortem tests' own Incus cluster.</summary>
[CollectionDefinition(Name)]
public sealed class IncusPostMortemCollection : ICollectionFixture<IncusPostMortemTestbedFixture>
{
    public const string Name = "incus-postmortem";
}
