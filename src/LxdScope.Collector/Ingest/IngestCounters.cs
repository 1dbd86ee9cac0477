namespace LxdScope.Collector.Ingest;

/// <summary>What ingest did since the process started, for export as metrics. Thread-safe.</summary>
public sealed class IngestCounters
{
    private readonly long[] rejected = new long[Enum.GetValues<IngestRejectReason>().Length];
    private long accepted;
    private long duplicates;
    private long clamped;
    private long storeFailures;

    /// <summary>Reports stored and passed on.</summary>
    internal long Accepted => Interlocked.Read(ref accepted);

    /// <summary>Reports whose sequence had been acknowledged before (answered 200, not counted again).</summary>
    internal long Duplicates => Interlocked.Read(ref duplicates);

    /// <summary>Accepted reports whose timestamps were replaced with the collector's time.</summary>
    internal long Clamped => Interlocked.Read(ref clamped);

    /// <summary>Reports answered 503 because the store could not take them.</summary>
    internal long StoreFailures => Interlocked.Read(ref storeFailures);

    /// <summary>Refused reports by reason; every reason is present, zero or not.</summary>
    internal IReadOnlyDictionary<IngestRejectReason, long> Rejected =>
        Enum.GetValues<IngestRejectReason>().ToDictionary(reason => reason, reason => Interlocked.Read(ref rejected[(int)reason]));

    internal void CountAccepted() => Interlocked.Increment(ref accepted);

    internal void CountDuplicate() => Interlocked.Increment(ref duplicates);

    internal void CountClamped() => Interlocked.Increment(ref clamped);

    internal void CountStoreFailure() => Interlocked.Increment(ref storeFailures);

    internal void CountRejected(IngestRejectReason reason) => Interlocked.Increment(ref rejected[(int)reason]);
}
