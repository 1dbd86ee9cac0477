namespace LxdScope.Lxd.Raft;

/// <summary>The outcome of <see cref="RaftMetadata.ReadCurrent"/>.</summary>
/// <param name="Current">The metadata raft would use, or null if there is none or it is ambiguous.</param>
/// <param name="Problems">What was wrong with either file.</param>
public sealed record RaftMetadataReading(RaftMetadata? Current, IReadOnlyList<RaftProblem> Problems);
