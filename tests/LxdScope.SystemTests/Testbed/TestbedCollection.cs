namespace LxdScope.SystemTests.Testbed;

/// <summary>Tests in this collection share the testbed and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TestbedCollection : ICollectionFixture<TestbedFixture>
{
    public const string Name = "testbed";
}
