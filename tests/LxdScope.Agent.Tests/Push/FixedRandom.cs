namespace LxdScope.Agent.Tests.Push;

/// <summary>Jitter that always lands at the same fraction of the ceiling, so waits can be asserted.</summary>
internal sealed class FixedRandom(double fraction) : Random
{
    public override double NextDouble() => fraction;
}
