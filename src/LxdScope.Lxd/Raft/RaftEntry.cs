namespace LxdScope.Lxd.Raft;

/// <summary>One entry of the raft log.</summary>
/// <param name="Index">Its log index, assigned from the segment's first index.</param>
/// <param name="Term">The term in which the leader created it.</param>
/// <param name="Type">What the payload holds.</param>
/// <param name="Payload">
/// The entry data, including raft's padding to 8 bytes. When the entry comes from
/// <see cref="RaftSegment.Read"/> it is only valid during the callback; copy it to keep it.
/// </param>
public readonly record struct RaftEntry(ulong Index, ulong Term, RaftEntryType Type, ReadOnlyMemory<byte> Payload);
