using System.CommandLine;
using LxdScope.Cli.Output;

namespace LxdScope.Cli.Commands;

/// <summary>
/// <c>lxdscope manpage</c> (hidden): prints the manual page rendered from the command tree; the
/// Debian package build installs its output as lxdscope(1).
/// </summary>
internal static class ManPageCommand
{
    public static Command Create()
    {
        var command = new Command("manpage", "Print the manual page (roff) rendered from the commands' own help.") { Hidden = true };
        command.SetAction(parse =>
        {
            Console.Out.Write(ManPage.Render((RootCommand)parse.RootCommandResult.Command));
            return ExitCodes.Ok;
        });
        return command;
    }
}
