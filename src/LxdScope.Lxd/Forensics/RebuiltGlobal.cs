namespace LxdScope.Lxd.Forensics;

/// <summary>
/// A global database rebuilt into a private temporary file, for reading; the file is deleted
/// on dispose. What <c>lxdscope sql --from-files</c> and <c>lxdscope inspect</c> query when
/// LXD cannot answer.
/// </summary>
public sealed class RebuiltGlobal : IDisposable
{
    private readonly string _directory;

    private RebuiltGlobal(string directory, RebuildResult result)
    {
        _directory = directory;
        Result = result;
    }

    /// <summary>How the database was rebuilt, and as of which index.</summary>
    public RebuildResult Result { get; }

    /// <summary>The rebuilt SQLite file.</summary>
    public string Path => Result.OutputPath;

    /// <exception cref="RebuildRefusedException">See <see cref="GlobalRebuild.Run"/>.</exception>
    public static RebuiltGlobal Create(string globalDir, ulong? uptoIndex, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lxdscope-rebuild-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var result = GlobalRebuild.Run(globalDir, System.IO.Path.Combine(directory, "global.db"), uptoIndex, cancellationToken);
            return new RebuiltGlobal(directory, result);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
