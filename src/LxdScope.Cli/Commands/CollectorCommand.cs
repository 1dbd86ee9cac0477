using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using LxdScope.Collector;
using LxdScope.Lxd.Safety;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace LxdScope.Cli.Commands;

/// <summary><c>lxdscope collector</c>: receives agents' reports, serves metrics and cluster status.</summary>
internal static class CollectorCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "JSON configuration file (a \"Collector\" section; reloaded on change, so tokens rotate without a restart). Environment: LXDSCOPE_Collector__<Key>." };
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:9470 (default http://localhost:5000)." };
        var database = new Option<string?>("--database") { Description = "The collector's SQLite file (default /var/lib/lxdscope/collector.db)." };
        var command = new Command("collector", "Receive agents' reports; serve /metrics, /api/v1/clusters, /healthz and /readyz.")
        {
            config, urls, database, HashTokenCommand(),
        };
        command.SetAction(async (parse, ct) =>
        {
            var args = new List<string>();
            if (parse.GetValue(config) is { } file)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"lxdscope: configuration file {file.FullName} does not exist");
                    return ExitCodes.Usage;
                }

                args.AddRange(["--config", file.FullName]);
            }

            if (parse.GetValue(urls) is { Length: > 0 } u)
            {
                args.AddRange(["--urls", u]);
            }

            if (parse.GetValue(database) is { Length: > 0 } db)
            {
                args.Add($"--Collector:DatabasePath={db}");
            }

            try
            {
                await using var app = CollectorApp.Create([.. args]);
                await app.StartAsync(ct);
                await app.WaitForShutdownAsync(ct);
                return ExitCodes.Ok;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync($"lxdscope: {string.Join("; ", e.Failures)}");
                return e.Failures.Any(f => f.StartsWith(OutputPathGuard.RefusalStart, StringComparison.Ordinal)) ? ExitCodes.Refused : ExitCodes.Usage;
            }
        });
        return command;
    }

    /// <summary>Agent tokens are configured as SHA-256 hashes; this makes one (and, with --generate, the token too).</summary>
    private static Command HashTokenCommand()
    {
        var generate = new Option<bool>("--generate") { Description = "Make a new random token, print it and its hash." };
        var command = new Command("hash-token", "Print the SHA-256 of a token read from stdin, for the collector's Tokens list.") { generate };
        command.SetAction(async (parse, ct) =>
        {
            string token;
            if (parse.GetValue(generate))
            {
                token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                await Console.Out.WriteLineAsync($"token:  {token}");
            }
            else
            {
                token = (await Console.In.ReadToEndAsync(ct)).Trim();
                if (token.Length == 0)
                {
                    await Console.Error.WriteLineAsync("lxdscope: no token on stdin");
                    return ExitCodes.Usage;
                }
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
            await Console.Out.WriteLineAsync(parse.GetValue(generate) ? $"sha256: {hash}" : hash);
            return ExitCodes.Ok;
        });
        return command;
    }
}
