namespace LxdScope.Collector.Mirrors;

/// <summary>
/// The mirror holds what the agent read: its head is confirmed at <see cref="At"/>. Without a
/// schema the content came by digest only, and only the time, agent and source change.
/// </summary>
/// <param name="At">Unix milliseconds; the head keeps the later of this and what it had.</param>
internal sealed record MirrorConfirmation(string Digest, IReadOnlyList<string>? Schema, long At, string AgentId, string? Source);
