namespace LxdScope.Collector.Audit;

/// <summary>Console requests by outcome, for <c>lxdscope_console_queries_total</c>. Thread-safe.</summary>
public sealed class ConsoleQueryCounters
{
    private readonly long[] counts = new long[Enum.GetValues<ConsoleOutcome>().Length];

    internal long this[ConsoleOutcome outcome] => Interlocked.Read(ref counts[(int)outcome]);

    internal void Count(ConsoleOutcome outcome) => Interlocked.Increment(ref counts[(int)outcome]);
}
