namespace LxdScope.SystemTests.Testbed;

/// <summary>The post-mortem tests' own LXD cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostMortemCollection : ICollectionFixture<PostMortemTestbedFixture>
{
    public const string Name = "postmortem";
}
