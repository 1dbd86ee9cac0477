namespace LxdScope.Lxd.Sql;

/// <summary>A read-only query that SQLite rejected, or that ran out of time.</summary>
public sealed class QueryFailedException : Exception
{
    public QueryFailedException(string message)
        : base(message)
    {
    }

    public QueryFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QueryFailedException()
    {
    }
}
