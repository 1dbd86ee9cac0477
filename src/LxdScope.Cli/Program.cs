using System.CommandLine;
using LxdScope.Cli.Commands;

var root = new RootCommand("LxdScope: monitoring and diagnostics for LXD clusters.")
{
    InspectCommand.Create(),
    SqlCommand.Create(),
    ForensicsCommand.Create(),
    AgentCommand.Create(),
    CollectorCommand.Create(),
    FanCommand.Create(),
    ManPageCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
