using LxdScope.Lxd.Safety;

namespace LxdScope.Lxd.Tests.Safety;

public sealed class OutputPathGuardTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("lxdscope-guard-").FullName;
    private readonly string _lxd;

    public OutputPathGuardTests()
    {
        _lxd = Path.Combine(_scratch, "lxd");
        Directory.CreateDirectory(Path.Combine(_lxd, "database", "global"));
        File.WriteAllText(Path.Combine(_lxd, "database", "local.db"), "not ours");
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void A_path_inside_the_given_directory_is_refused_with_its_name()
    {
        var e = Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(Path.Combine(_lxd, "database", "local.db"), "--output", [_lxd]));

        Assert.StartsWith(OutputPathGuard.RefusalStart + "--output", e.Message, StringComparison.Ordinal);
        Assert.Contains($"inside {_lxd}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_directory_itself_is_refused() =>
        Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(_lxd + "/", "--output", [_lxd]));

    [Fact]
    public void A_sibling_whose_name_starts_like_the_directory_is_allowed()
    {
        var sibling = _lxd + "-copy/global.db";

        Assert.Equal(sibling, OutputPathGuard.Check(sibling, "--output", [_lxd]));
    }

    [Fact]
    public void Dot_dot_that_climbs_back_in_is_refused() =>
        Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(Path.Combine(_scratch, "elsewhere", "..", "lxd", "database", "x.db"), "--output", [_lxd]));

    [Fact]
    public void A_relative_path_is_taken_from_the_working_directory()
    {
        var before = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.Combine(_lxd, "database");
        try
        {
            Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check("local.db", "--output", [_lxd]));
            Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check("./global/../new.db", "--output", [_lxd]));
            Assert.Equal(Path.Combine(_scratch, "ok.db"), OutputPathGuard.Check("../../ok.db", "--output", [_lxd]));
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }
    }

    [Fact]
    public void A_link_to_a_file_inside_is_refused()
    {
        var link = Path.Combine(_scratch, "innocent.db");
        File.CreateSymbolicLink(link, Path.Combine(_lxd, "database", "local.db"));

        var e = Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(link, "--output", [_lxd]));

        Assert.Contains($"resolves to {Path.Combine(_lxd, "database", "local.db")}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_link_on_the_way_is_followed_even_to_a_file_not_there_yet()
    {
        var link = Path.Combine(_scratch, "out");
        Directory.CreateSymbolicLink(link, Path.Combine(_lxd, "database"));

        Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(Path.Combine(link, "new", "global.db"), "--output", [_lxd]));
    }

    [Fact]
    public void Dot_dot_after_a_link_climbs_from_the_links_target_as_the_kernel_does()
    {
        // Lexically out/../x.db is x.db in the scratch directory; to the kernel it is lxd/database/x.db… minus one: lxd/x.db.
        var link = Path.Combine(_scratch, "out");
        Directory.CreateSymbolicLink(link, Path.Combine(_lxd, "database", "global"));

        Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(link + "/../x.db", "--output", [_lxd]));
    }

    [Fact]
    public void A_relative_link_target_is_taken_from_the_links_directory()
    {
        var link = Path.Combine(_scratch, "rel");
        File.CreateSymbolicLink(link, "lxd/database/local.db");

        Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(link, "--output", [_lxd]));
    }

    [Fact]
    public void A_protected_directory_given_through_a_link_protects_its_target()
    {
        var alias = Path.Combine(_scratch, "alias");
        Directory.CreateSymbolicLink(alias, _lxd);

        Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(Path.Combine(_lxd, "database", "x.db"), "--output", [alias]));
    }

    [Fact]
    public void A_link_loop_is_refused_not_followed_forever()
    {
        var a = Path.Combine(_scratch, "a");
        var b = Path.Combine(_scratch, "b");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var e = Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(a + "/x.db", "--output"));

        Assert.Contains("symbolic links", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/var/lib/lxd/database/local.db")]
    [InlineData("/var/snap/lxd/common/lxd/database/global/x")]
    [InlineData("/var/lib/incus/database/local.db")]
    [InlineData("/var/lib/incus")]
    [InlineData("/var/log/lxd/x.pcap")]
    public void The_default_locations_are_refused_without_being_named(string path) =>
        Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(path, "--output"));

    [Fact]
    public void A_link_into_a_default_location_is_refused()
    {
        var link = Path.Combine(_scratch, "spool");
        Directory.CreateSymbolicLink(link, "/var/lib/incus");

        Assert.Throws<OutputPathRefusedException>(() => OutputPathGuard.Check(link + "/reports", "--spool-dir"));
    }

    [Fact]
    public void A_path_elsewhere_comes_back_resolved()
    {
        var link = Path.Combine(_scratch, "tmp");
        Directory.CreateSymbolicLink(link, Path.Combine(_scratch, "real"));

        Assert.Equal(Path.Combine(_scratch, "real", "x.db"), OutputPathGuard.Check(link + "/./x.db", "--output", [_lxd]));
    }
}
