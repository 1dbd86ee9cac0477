using System.CommandLine;
using System.Text;
using LxdScope.Contracts;

namespace LxdScope.Cli.Output;

/// <summary>
/// The manual page (roff, section 1) rendered from the command tree itself, so that it can never
/// say less than <c>--help</c> does: every visible command, argument and option with its
/// description, then what the tree cannot say (exit codes, files, environment).
/// </summary>
internal static class ManPage
{
    public static string Render(RootCommand root)
    {
        var w = new StringBuilder();
        w.Append(".TH LXDSCOPE 1 \"\" ").Append(Quoted("lxdscope " + BuildInfo.Version)).Append(" \"User Commands\"\n");
        w.Append(".SH NAME\nlxdscope \\- monitoring and diagnostics for LXD and Incus clusters\n");
        w.Append(".SH SYNOPSIS\n.B lxdscope\n.I command\n.RI [ options ]\n");
        w.Append(".SH DESCRIPTION\n").Append(Text(root.Description ?? "")).Append('\n');
        w.Append(".PP\nOne executable, three roles: read one LXD or Incus host (\\fBinspect\\fR, \\fBsql\\fR, \\fBforensics\\fR, \\fBfan\\fR), ")
            .Append("watch it and push reports (\\fBagent\\fR, one per host, run by the \\fBlxdscope\\-agent\\fR service), ")
            .Append("and merge the reports of every host (\\fBcollector\\fR, run by the \\fBlxdscope\\-collector\\fR service).\n");
        w.Append(".SH OPTIONS\n");
        Options(w, root);
        w.Append(".SH COMMANDS\n");
        foreach (var command in Visible(root.Subcommands))
        {
            Command(w, command, "lxdscope");
        }

        w.Append(".SH EXIT STATUS\n");
        Item(w, "0", "Success.");
        Item(w, "1", "The command ran but its subject failed: a refused or failed query.");
        Item(w, "2", "Nothing to work on: bad usage, no LXD or Incus directory.");
        Item(w, "3", "An output path lies in LXD's or Incus's directory; nothing was written.");
        w.Append(".SH ENVIRONMENT\n");
        Item(w, "LXD_DIR, INCUS_DIR", "The LXD or Incus directory, when --lxd-dir is not given (then /var/snap/lxd/common/lxd, /var/lib/lxd, /var/lib/incus).");
        Item(w, "LXDSCOPE_Agent__<Key>, LXDSCOPE_Collector__<Key>", "Any configuration key of the agent or the collector.");
        w.Append(".SH FILES\n");
        Item(w, "/etc/lxdscope/agent.json, /etc/lxdscope/agent.token", "The agent's configuration and its token (mode 0600), written by the operator.");
        Item(w, "/etc/lxdscope/collector.json", "The collector's configuration (token hashes only).");
        Item(w, "/var/lib/lxdscope/spool", "The agent's spool of undelivered reports.");
        Item(w, "/var/lib/lxdscope-collector/collector.db", "The collector's database.");
        Item(w, "/usr/share/doc/lxdscope/examples", "Example configurations documenting every key.");
        Item(w, "/usr/share/lxdscope", "Grafana dashboards and Prometheus alert rules.");
        w.Append(".SH SEE ALSO\n.BR lxc (1),\n.BR systemctl (1)\n");
        return w.ToString();
    }

    private static void Command(StringBuilder w, Command command, string parent)
    {
        var path = parent + " " + command.Name;
        w.Append(".SS ").Append(Quoted(path + string.Concat(command.Arguments.Where(a => !a.Hidden).Select(a => " <" + (a.HelpName ?? a.Name) + ">")))).Append('\n');
        w.Append(Text(command.Description ?? "")).Append('\n');
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            Item(w, "<" + (argument.HelpName ?? argument.Name) + ">", argument.Description ?? "");
        }

        Options(w, command);
        foreach (var sub in Visible(command.Subcommands))
        {
            Command(w, sub, path);
        }
    }

    private static void Options(StringBuilder w, Command command)
    {
        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            // Windows-style spellings (/?, /h) are accepted but not what anyone types here.
            var names = string.Join(", ", option.Aliases.Where(a => a[0] != '/').Order(StringComparer.Ordinal).Append(option.Name));
            var value = option.Arity.MaximumNumberOfValues == 0 ? "" : " <" + (option.HelpName ?? option.Name.TrimStart('-')) + ">";
            Item(w, names + value, option.Description ?? "");
        }
    }

    private static IEnumerable<Command> Visible(IEnumerable<Command> commands) => commands.Where(c => !c.Hidden);

    private static void Item(StringBuilder w, string term, string description) =>
        w.Append(".TP\n\\fB").Append(Escape(term)).Append("\\fR\n").Append(Text(description)).Append('\n');

    // A line of text that starts with a dot or a quote would be read as a request.
    private static string Text(string text) =>
        string.Join('\n', Escape(text).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l[0] is '.' or '\'' ? "\\&" + l : l));

    private static string Quoted(string text) => "\"" + Escape(text).Replace("\"", "\\(dq", StringComparison.Ordinal) + "\"";

    // Backslashes first; every hyphen is a minus, as in option names that are typed.
    private static string Escape(string text) =>
        text.Replace("\\", "\\e", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal);
}
