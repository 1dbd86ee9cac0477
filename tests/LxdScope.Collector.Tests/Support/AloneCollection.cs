namespace LxdScope.Collector.Tests.Support;

/// <summary>
/// Tests that measure the process's memory run by themselves, after the parallel ones: other
/// tests' collectors in the same process would otherwise be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
