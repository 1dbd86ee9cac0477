namespace LxdScope.Collector.Storage;

/// <summary>The mirror statements whose SQL differs between the stores; everything else about mirrors is written once.</summary>
/// <param name="CurrentTables">Each table's latest version: name, hash, valid_from (by @cluster, @db, @member).</param>
/// <param name="Touch">Confirms the head without new content: confirmed_at (the later one), agent_id and source.</param>
/// <param name="Replace">Writes the head: digest, schema, confirmed_at (the later one), agent_id and source.</param>
internal sealed record MirrorDialect(string CurrentTables, string Touch, string Replace);
