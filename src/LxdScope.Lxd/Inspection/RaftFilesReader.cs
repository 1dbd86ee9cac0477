namespace LxdScope.Lxd.Inspection;

/// <summary>Summarises this member's raft directory for the report.</summary>
internal static class RaftFilesReader
{
    public static RaftFilesReport Read(string globalDir, DateTimeOffset now)
    {
        throw new DirectoryNotFoundException(globalDir + now.ToString());
    }
}
