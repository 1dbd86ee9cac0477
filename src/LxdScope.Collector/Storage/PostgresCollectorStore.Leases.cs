using LxdScope.Collector.Partition;
using NpgsqlTypes;

namespace LxdScope.Collector.Storage;

internal sealed partial class PostgresCollectorStore : IClusterLeases
{
    // The feed names each report's cluster, so a collector skips the clusters it does not own
    // without parsing their JSON. A lease's times are PostgreSQL's clock (Unix milliseconds), not
    // the collectors': two collectors whose clocks disagree still agree on who holds a lease. The
    // summary is the owner's one line for the cluster list of every other collector.
    private const string SchemaV3 = """
        ALTER TABLE report_feed ADD COLUMN cluster text;
        CREATE TABLE cluster_leases (
            cluster    text   NOT NULL PRIMARY KEY,
            owner      text   NOT NULL,
            expires_at bigint NOT NULL,
            summary    bytea
        );
        """;

    private const string Now = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

    LeaseRound IClusterLeases.LeaseRound(string owner, IReadOnlyCollection<string> wanted, IReadOnlyDictionary<string, byte[]> summaries, TimeSpan leaseTime)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(summaries);
        var lease = (long)leaseTime.TotalMilliseconds;
        return InTransaction("renew the cluster leases in", (connection, transaction) =>
        {
            var owned = new HashSet<string>(StringComparer.Ordinal);
            // Renewed first, with the summaries of the clusters judged here.
            using (var renew = Command(connection, transaction, $"""
                UPDATE cluster_leases l SET expires_at = {Now} + $2, summary = coalesce(s.summary, l.summary)
                FROM cluster_leases c LEFT JOIN unnest($3::text[], $4::bytea[]) AS s(cluster, summary) ON s.cluster = c.cluster
                WHERE l.cluster = c.cluster AND l.owner = $1
                RETURNING l.cluster
                """))
            {
                renew.Parameters.AddWithValue(owner);
                renew.Parameters.AddWithValue(lease);
                renew.Parameters.Add(new Npgsql.NpgsqlParameter { Value = summaries.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                renew.Parameters.Add(new Npgsql.NpgsqlParameter { Value = summaries.Values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                using var reader = renew.ExecuteReader();
                while (reader.Read())
                {
                    owned.Add(reader.GetString(0));
                }
            }

            // Taken: a cluster this collector received a report of, once its lease is free or has
            // run out; and a cluster nobody has held for a whole lease time while an agent of it
            // reported in the last day, which no collector receives reports of any more (its
            // agents are silent, and someone must say so).
            using (var take = Command(connection, transaction, $"""
                WITH candidates AS (
                    SELECT unnest($2::text[]) AS cluster
                    UNION
                    SELECT a.cluster FROM agents a LEFT JOIN cluster_leases l ON l.cluster = a.cluster
                    GROUP BY a.cluster, l.expires_at
                    HAVING max(a.received_at) > {Now} - 86400000
                       AND coalesce(l.expires_at, max(a.received_at)) < {Now} - $3)
                INSERT INTO cluster_leases (cluster, owner, expires_at)
                SELECT cluster, $1, {Now} + $3 FROM candidates
                ON CONFLICT (cluster) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at, summary = NULL
                    WHERE cluster_leases.expires_at < {Now} OR cluster_leases.owner = excluded.owner
                RETURNING cluster
                """))
            {
                take.Parameters.AddWithValue(owner);
                take.Parameters.Add(new Npgsql.NpgsqlParameter { Value = wanted.Where(c => !owned.Contains(c)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                take.Parameters.AddWithValue(lease);
                using var reader = take.ExecuteReader();
                while (reader.Read())
                {
                    owned.Add(reader.GetString(0));
                }
            }

            var others = new List<ClusterLease>();
            using (var read = Command(connection, transaction, $"SELECT cluster, owner, summary FROM cluster_leases WHERE owner <> $1 AND expires_at >= {Now} ORDER BY cluster"))
            {
                read.Parameters.AddWithValue(owner);
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    others.Add(new ClusterLease(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2)));
                }
            }

            return new LeaseRound(owned, others);
        });
    }

    int IClusterLeases.ReleaseLeases(string owner) => InTransaction("release the cluster leases in", (connection, transaction) =>
    {
        // Expired rather than deleted: the next collector to receive a report takes it at once,
        // and the cluster does not look like one nobody has held for a lease time.
        using var release = Command(connection, transaction, $"UPDATE cluster_leases SET expires_at = {Now} - 1 WHERE owner = $1");
        release.Parameters.AddWithValue(owner);
        return release.ExecuteNonQuery();
    });
}
