namespace LxdScope.Lxd.Safety;

/// <summary>An output path was refused before anything was written: it lies in LXD's or Incus's directory.</summary>
public sealed class OutputPathRefusedException : Exception
{
    public OutputPathRefusedException(string message)
        : base(message)
    {
    }

    public OutputPathRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OutputPathRefusedException()
    {
    }
}
