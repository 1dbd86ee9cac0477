namespace LxdScope.Collector.Mirrors;

/// <summary>A moment a mirrored database changed (for the as-of picker).</summary>
public sealed record MirrorVersion(DateTimeOffset At);
