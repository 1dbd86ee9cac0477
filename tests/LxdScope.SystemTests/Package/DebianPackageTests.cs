using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Package;

/// <summary>deploy/package/build: what the .deb holds, its version, its checks.</summary>
public sealed class DebianPackageTests
{
    private static Task<ProcessResult> Run(string file, params string[] args) => Processes.RunAsync(file, args, TimeSpan.FromMinutes(3));

    [Fact]
    public async Task Package_is_named_and_versioned_as_the_executable_says()
    {
        var deb = await PackageBuild.DebAsync();
        var version = (await Run(Executable.Binary, "--version")).Stdout.Trim();

        Assert.Equal($"lxdscope_{version}_amd64.deb", Path.GetFileName(deb));
        var fields = (await Run("dpkg-deb", "--field", deb, "Package", "Version", "Architecture", "Depends", "Recommends")).Stdout;
        Assert.Contains("Package: lxdscope\n", fields, StringComparison.Ordinal);
        Assert.Contains($"Version: {version}\n", fields, StringComparison.Ordinal);
        Assert.Contains("Architecture: amd64\n", fields, StringComparison.Ordinal);
        // What dpkg-shlibdeps found, and OpenSSL, which .NET loads by name for TLS.
        Assert.Matches(@"Depends: libc6 \(>= [0-9.]+\), libssl3\n", fields);
        Assert.Contains("Recommends: libpcap0.8", fields, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lintian_reports_nothing_that_is_not_overridden_with_its_reason()
    {
        var deb = await PackageBuild.DebAsync();

        var result = await Run("lintian", "--fail-on", "error,warning,info", "--display-info", deb);

        // Nothing left open: no error, warning or informational tag that is not overridden.
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.DoesNotContain(result.Stdout.Split('\n'), l => l.Length > 1 && l.AsSpan(1).StartsWith(": lxdscope", StringComparison.Ordinal));
        var overrides = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "package", "lintian-overrides"));
        foreach (var block in overrides.Split("\n\n").Where(b => b.Contains("lxdscope: ", StringComparison.Ordinal)))
        {
            Assert.StartsWith("#", block.TrimStart(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Package_holds_the_executable_units_examples_dashboards_rules_manual_and_completion()
    {
        var deb = await PackageBuild.DebAsync();

        var listing = (await Run("dpkg-deb", "--contents", deb)).Stdout;
        var paths = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[5]).ToHashSet();

        string[] expected =
        [
            "./usr/lib/lxdscope/lxdscope", "./usr/lib/lxdscope/libe_sqlite3.so", "./usr/bin/lxdscope",
            "./lib/systemd/system/lxdscope-agent.service", "./lib/systemd/system/lxdscope-collector.service",
            "./etc/lxdscope/", "./usr/share/doc/lxdscope/examples/agent.json", "./usr/share/doc/lxdscope/examples/collector.json",
            "./usr/share/lxdscope/alerts/lxdscope.rules.yml", "./usr/share/man/man1/lxdscope.1.gz",
            "./usr/share/bash-completion/completions/lxdscope", "./usr/share/doc/lxdscope/copyright",
        ];
        Assert.All(expected, p => Assert.Contains(p, paths));
        Assert.Equal(
            Directory.EnumerateFiles(Path.Combine(Repository.Root, "dashboards"), "*.json").Select(f => "./usr/share/lxdscope/dashboards/" + Path.GetFileName(f)).Order(),
            paths.Where(p => p.StartsWith("./usr/share/lxdscope/dashboards/", StringComparison.Ordinal) && p.EndsWith(".json", StringComparison.Ordinal)).Order());
        // The configuration directory is the operator's: the package ships no file in it.
        Assert.DoesNotContain(paths, p => p.StartsWith("./etc/lxdscope/", StringComparison.Ordinal) && p != "./etc/lxdscope/");
        Assert.Contains("./usr/bin/lxdscope -> ../lib/lxdscope/lxdscope", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Units_in_the_package_are_those_of_deploy_systemd()
    {
        var deb = await PackageBuild.DebAsync();
        var dir = Directory.CreateTempSubdirectory("lxdscope-deb-");
        try
        {
            Assert.Equal(0, (await Run("dpkg-deb", "-x", deb, dir.FullName)).ExitCode);
            foreach (var unit in new[] { "lxdscope-agent.service", "lxdscope-collector.service" })
            {
                Assert.Equal(
                    await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "systemd", unit)),
                    await File.ReadAllTextAsync(Path.Combine(dir.FullName, "lib", "systemd", "system", unit)));
            }

            // The packaged executable runs from its /usr/lib directory and finds its SQLite there.
            var packaged = Path.Combine(dir.FullName, "usr", "lib", "lxdscope", "lxdscope");
            Assert.Equal((await Run(Executable.Binary, "--version")).Stdout, (await Run(packaged, "--version")).Stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Manual_page_names_every_command_and_option_the_help_shows()
    {
        var page = (await Run(Executable.Binary, "manpage")).Stdout;

        foreach (var command in new[] { "inspect", "sql", "forensics", "agent", "collector", "fan" })
        {
            Assert.Contains($".SS \"lxdscope {command}", page, StringComparison.Ordinal);
            var help = (await Run(Executable.Binary, command, "--help")).Stdout;
            foreach (var option in help.Split('\n').Select(l => l.TrimStart()).Where(l => l.StartsWith("--", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]))
            {
                Assert.Contains(option.Replace("-", "\\-", StringComparison.Ordinal), page, StringComparison.Ordinal);
            }
        }

        // groff reads it without a warning (lintian runs the same check on the package).
        var file = Path.Combine(Path.GetTempPath(), $"lxdscope-{Guid.NewGuid():N}.1");
        await File.WriteAllTextAsync(file, page);
        try
        {
            var man = await Processes.RunAsync("man", ["--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", file], TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["MANWIDTH"] = "80" });
            Assert.True(man.ExitCode == 0 && man.Stderr.Length == 0, man.Stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Bash_completion_completes_commands_and_options_from_the_executable()
    {
        // What bash does on "lxdscope sq<TAB>" and "lxdscope sql --lx<TAB>", with the packaged script.
        var script = Path.Combine(Repository.Root, "deploy", "package", "lxdscope.bash-completion");
        static string Complete(string script, string exe, string line, int word) =>
            $"source '{script}'; COMP_LINE='{exe} {line}'; COMP_POINT=${{#COMP_LINE}}; read -ra COMP_WORDS <<<\"$COMP_LINE\"; " +
            $"COMP_CWORD={word}; _lxdscope; printf '%s\\n' \"${{COMPREPLY[@]}}\"";

        var command = await Run("bash", "-c", Complete(script, Executable.Binary, "sq", 1));
        var option = await Run("bash", "-c", Complete(script, Executable.Binary, "sql --lx", 2));

        Assert.Equal(["sql"], command.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["--lxd-dir"], option.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The hidden manpage command is not offered.
        Assert.DoesNotContain("manpage", (await Run(Executable.Binary, "[suggest:0]", "")).Stdout.Split('\n'));
    }
}
