using LxdScope.Agent.Push;

namespace LxdScope.Agent.Tests.Push;

public sealed class SpoolOptionsTests
{
    [Fact]
    public void Defaults_hold_a_day_at_ten_seconds_within_256_MiB()
    {
        var options = new SpoolOptions { Directory = "/var/lib/lxdscope/spool" };

        Assert.Equal(8_640, options.MaxReports);
        Assert.Equal(256L * 1024 * 1024, options.MaxBytes);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Every_problem_is_named()
    {
        Assert.Equal(3, new SpoolOptions { Directory = "", MaxReports = 0, MaxBytes = 0 }.Validate().Count);
    }
}
