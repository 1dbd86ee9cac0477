namespace LxdScope.Collector.Storage;

public enum IngestOutcome
{
    Accepted,
    Duplicate,
}
