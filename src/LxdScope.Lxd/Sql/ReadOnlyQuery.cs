using LxdScope.Lxd.Api;
using LxdScope.Lxd.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LxdScope.Lxd.Sql;

/// <summary>
/// Runs one operator-written statement against a SQLite connection that may only be read: a
/// single statement, read-only by SQLite's own judgement and by the authorizer, stopped at the
/// time limit and cut at the row limit.
/// </summary>
public static class ReadOnlyQuery
{
    private const int SqliteInterrupt = 9;
    private const int SqliteAuth = 23;

    /// <exception cref="ReadOnlyViolationException">The statement would write, attach, or is not one statement.</exception>
    /// <exception cref="QueryFailedException">SQLite rejected or interrupted it.</exception>
    public static SqlResult Run(SqliteConnection connection, string query, QueryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(limits);
        ReadOnlySqlite.RestrictToReading(connection);
        CheckSingleReadOnlyStatement(connection, query);

        using var timer = new Timer(_ => raw.sqlite3_interrupt(connection.Handle), null, limits.Timeout, Timeout.InfiniteTimeSpan);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = query;
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<IReadOnlyList<object?>>();
            var truncated = false;
            long bytes = 0;
            while (reader.Read())
            {
                if (rows.Count == limits.MaxRows)
                {
                    truncated = true;
                    break;
                }

                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    bytes += row[i] switch
                    {
                        string s => s.Length,
                        byte[] b => b.Length,
                        _ => 8,
                    };
                }

                if (bytes > limits.MaxBytes)
                {
                    truncated = true;
                    break;
                }

                rows.Add(row);
            }

            return new SqlResult(columns, rows, truncated);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteInterrupt)
        {
            throw new QueryFailedException($"Query stopped after {limits.Timeout.TotalSeconds:0.###} s (time limit).", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteAuth)
        {
            throw new ReadOnlyViolationException($"Refused: this console only reads ({e.Message}).", e);
        }
        catch (SqliteException e)
        {
            throw new QueryFailedException(e.Message, e);
        }
    }

    private static void CheckSingleReadOnlyStatement(SqliteConnection connection, string query)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, query, out var statement, out var tail);
        using (statement)
        {
            var message = raw.sqlite3_errmsg(connection.Handle).utf8_to_string();
            // Denied functions come back as a plain error, denied statements as SQLITE_AUTH.
            if (rc == SqliteAuth || (rc != raw.SQLITE_OK && message.StartsWith("not authorized", StringComparison.Ordinal)))
            {
                throw new ReadOnlyViolationException($"Refused: this console only reads ({message}).");
            }

            if (rc != raw.SQLITE_OK)
            {
                throw new QueryFailedException(message);
            }

            if (statement.IsInvalid)
            {
                throw new QueryFailedException("The query is empty.");
            }

            if (!string.IsNullOrWhiteSpace(StripComments(tail)))
            {
                throw new ReadOnlyViolationException("One statement at a time.");
            }

            if (raw.sqlite3_stmt_readonly(statement) == 0)
            {
                throw new ReadOnlyViolationException("Refused: the statement would write and this console only reads.");
            }
        }
    }

    private static string StripComments(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var t = text.Trim().TrimStart(';').Trim();
        while (t.StartsWith("--", StringComparison.Ordinal) || t.StartsWith("/*", StringComparison.Ordinal))
        {
            var end = t.StartsWith("--", StringComparison.Ordinal) ? t.IndexOf('\n', StringComparison.Ordinal) : t.IndexOf("*/", StringComparison.Ordinal) + 1;
            t = end <= 0 ? "" : t[(end + 1)..].Trim().TrimStart(';').Trim();
        }

        return t;
    }
}
