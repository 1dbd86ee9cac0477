namespace LxdScope.Lxd;

public sealed class LxdDirectoryNotFoundException : Exception
{
    public LxdDirectoryNotFoundException(string message)
        : base(message)
    {
    }

    public LxdDirectoryNotFoundException()
    {
    }

    public LxdDirectoryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
