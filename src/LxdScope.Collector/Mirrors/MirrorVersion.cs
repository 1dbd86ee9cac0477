namespace LxdScope.Collector.Mirrors;

/// <summary>A moment a mirrored database changed (for the as-of picker).</summary>
internal sealed record MirrorVersion(DateTimeOffset At);
