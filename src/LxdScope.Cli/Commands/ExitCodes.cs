namespace LxdScope.Cli.Commands;

internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran but its subject failed: a refused or failed query.</summary>
    public const int Failed = 1;

    /// <summary>Nothing to work on: bad usage, no LXD directory.</summary>
    public const int Usage = 2;

    /// <summary>An output path lies in LXD's or Incus's directory; nothing was written.</summary>
    public const int Refused = 3;
}
