namespace LxdScope.Bench.IngestLoad;

/// <summary>A report the collector answered 2xx for: it must be in the collector's database from then on.</summary>
public readonly record struct AckedReport(string AgentId, string Epoch, long Sequence);
