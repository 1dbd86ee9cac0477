using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Sql;

/// <summary>
/// Splits a query into statements the way <c>POST /internal/sql</c> does in LXD and Incus: on every
/// ';' (quotes are not looked at), each piece trimmed, empty pieces skipped. Sending each piece on
/// its own, after checking it, means the daemon never sees a text it would split differently.
/// </summary>
public static class SqlStatements
{
    public static IReadOnlyList<string> Split(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
    }

    /// <summary>The statements, all of them checked before any is sent: each must be a SELECT.</summary>
    /// <exception cref="ReadOnlyViolationException">A piece is not a SELECT (a ';' inside quotes makes one).</exception>
    public static IReadOnlyList<string> SplitSelects(string query)
    {
        var statements = Split(query);
        foreach (var statement in statements)
        {
            try
            {
                LxdSocketClient.RefuseUnlessSingleSelect(statement);
            }
            catch (ReadOnlyViolationException e) when (statements.Count > 1)
            {
                throw new ReadOnlyViolationException(
                    $"The daemon splits the query on every ';', even inside quotes, and '{statement}' is not a SELECT. {e.Message}");
            }
        }

        return statements;
    }
}
