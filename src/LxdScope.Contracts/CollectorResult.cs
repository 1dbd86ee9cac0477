namespace LxdScope.Contracts;

/// <summary>How one of the agent's collectors fared this cycle. An error is text for operators; it never holds secrets.</summary>
public sealed record CollectorResult(string Name, bool Success, double DurationSeconds, string? Error);
