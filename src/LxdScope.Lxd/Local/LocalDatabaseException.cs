namespace LxdScope.Lxd.Local;

public sealed class LocalDatabaseException : Exception
{
    public LocalDatabaseException(string message)
        : base(message)
    {
    }

    public LocalDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LocalDatabaseException()
    {
    }
}
