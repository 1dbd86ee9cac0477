namespace LxdScope.Lxd.Tests;

public sealed class LxdDirectoryTests
{
    [Fact]
    public void Locate_uses_the_first_candidate_that_holds_a_database()
    {
        var empty = Directory.CreateTempSubdirectory("lxdscope-empty-").FullName;
        var real = Path.GetDirectoryName(Path.GetDirectoryName(SchemaFiles.LocalDbFile("Local/Schemas/local-42.sql")))!;

        var dir = LxdDirectory.Locate(null, [empty, real]);

        Assert.Equal(real, dir.Root);
        Assert.Equal(Path.Combine(real, "database", "local.db"), dir.LocalDatabasePath);
        Assert.Equal(Path.Combine(real, "unix.socket"), dir.SocketPath);
    }

    [Fact]
    public void Locate_without_any_LXD_directory_names_the_places_it_looked()
    {
        var e = Assert.Throws<LxdDirectoryNotFoundException>(() => LxdDirectory.Locate(null, ["/nonexistent/a", "/nonexistent/b"]));

        Assert.Contains("/nonexistent/a, /nonexistent/b", e.Message, StringComparison.Ordinal);
        Assert.Contains("--lxd-dir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_refuses_an_explicit_directory_that_is_not_LXDs()
    {
        var empty = Directory.CreateTempSubdirectory("lxdscope-empty-").FullName;

        var e = Assert.Throws<LxdDirectoryNotFoundException>(() => LxdDirectory.Locate(empty));

        Assert.Contains("is not an LXD directory", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/var/lib/incus", LxdProduct.Incus)]
    [InlineData("/var/snap/lxd/common/lxd", LxdProduct.Lxd)]
    public void Product_is_guessed_from_the_path(string root, LxdProduct expected) =>
        Assert.Equal(expected, new LxdDirectory(root).ProductFromPath);

    [Theory]
    [InlineData("guestapi", LxdProduct.Incus)]
    [InlineData("devlxd", LxdProduct.Lxd)]
    public void The_guest_API_directory_tells_the_product_whatever_the_path(string guestApi, LxdProduct expected)
    {
        // Named against the guess from the path, so that only the directory can decide.
        var root = Directory.CreateTempSubdirectory(expected == LxdProduct.Incus ? "lxdscope-lxd-" : "lxdscope-incus-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, guestApi));

            Assert.Equal(expected, new LxdDirectory(root).ProductFromPath);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
