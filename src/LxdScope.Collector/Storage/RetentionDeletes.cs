using System.Data.Common;

namespace LxdScope.Collector.Storage;

/// <summary>What retention deletes in either store.</summary>
internal static class RetentionDeletes
{
    private static readonly string[] Statements =
    [
        // Never an agent's latest report's log row: the duplicate check of its epoch rests on it.
        """
        DELETE FROM reports
        WHERE received_at < @cutoff
          AND NOT EXISTS (
              SELECT 1 FROM agents a
              WHERE a.agent_id = reports.agent_id AND a.epoch = reports.epoch AND a.last_sequence = reports.sequence)
        """,
        "DELETE FROM events WHERE time < @cutoff",
        "DELETE FROM console_audit WHERE time < @cutoff",
        // Table versions superseded before the cutoff; the version in effect at the cutoff stays.
        """
        DELETE FROM mirror_tables
        WHERE valid_from < @cutoff
          AND EXISTS (SELECT 1 FROM mirror_tables n
                      WHERE n.cluster = mirror_tables.cluster AND n.db = mirror_tables.db
                        AND n.member = mirror_tables.member AND n.name = mirror_tables.name
                        AND n.valid_from > mirror_tables.valid_from AND n.valid_from <= @cutoff)
        """,
    ];

    /// <param name="cutoff">Unix milliseconds: rows older than this go.</param>
    /// <returns>The number of rows deleted.</returns>
    public static int Run(DbConnection connection, DbTransaction transaction, long cutoff)
    {
        var deleted = 0;
        foreach (var sql in Statements)
        {
            using var command = DbCommands.Create(connection, transaction, sql).Integer("@cutoff", cutoff);
            deleted += command.ExecuteNonQuery();
        }

        return deleted;
    }
}
