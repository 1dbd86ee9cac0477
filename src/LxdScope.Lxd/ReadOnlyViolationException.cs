namespace LxdScope.Lxd;

/// <summary>A statement that could change an LXD database was refused before it ran.</summary>
public sealed class ReadOnlyViolationException : Exception
{
    public ReadOnlyViolationException(string message)
        : base(message)
    {
    }

    public ReadOnlyViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReadOnlyViolationException()
    {
    }
}
