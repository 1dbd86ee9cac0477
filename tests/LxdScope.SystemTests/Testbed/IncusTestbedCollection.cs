namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// Tests in this collection share the Incus testbed and run one at a time (beside the LXD
/// testbed's collection: the two clusters live on different addresses, directories and ports).
/// </summary>
[CollectionDefinition(Name)]
public sealed class IncusTestbedCollection : ICollectionFixture<IncusTestbedFixture>
{
    public const string Name = "incus testbed";
}
