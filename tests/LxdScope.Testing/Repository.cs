namespace LxdScope.Testing;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static readonly string Root = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => System.IO.File.ReadAllText(File(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "LxdScope.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LxdScope.sln not found above the test binaries");
    }
}
