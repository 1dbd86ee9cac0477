namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// Load, crash and disk-full tests of a real collector: they measure, so they run alone, after
/// the tests that may run in parallel. They need no LXD testbed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "load";
}
