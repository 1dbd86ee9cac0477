using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LxdScope.Lxd;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Raft;

namespace LxdScope.Cli.Commands;

/// <summary>
/// <c>lxdscope forensics recovery-plan</c>: the member to recover quorum from, why, and the LXD
/// (or Incus) commands, from copies of every member's raft directory or from the collector's view.
/// </summary>
internal static class RecoveryPlanCommand
{
    public static Command Create()
    {
        var members = new Argument<string[]>("member")
        {
            Description = "NAME=DIR for every member: DIR is the member's database/global directory or a copy of it.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var collector = new Option<string?>("--collector") { Description = "The collector's base URL, e.g. http://127.0.0.1:9470, to take the members' raft positions from their agents' reports." };
        var cluster = new Option<string?>("--cluster") { Description = "With --collector: the cluster's name." };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "With --collector: a file holding a viewer or console token, for a collector that lets only its viewers read (Collector:Viewers)." };
        var product = new Option<string?>("--product")
        {
            Description = "lxd or incus: whose commands to print (default: told from the members' live directories when given, else lxd).",
        };
        product.AcceptOnlyFromAmong("lxd", "incus");
        var command = new Command(
            "recovery-plan",
            "Name the member to recover database quorum from (highest term of its last raft entry, then highest index), say why, check each directory, and print the LXD commands.")
        {
            members, collector, cluster, product, tokenFile,
        };
        command.SetAction(async (parse, ct) =>
        {
            var pairs = parse.GetValue(members) ?? [];
            var collectorText = parse.GetValue(collector);
            var name = parse.GetValue(cluster);
            if ((collectorText is null) == (pairs.Length == 0) || (collectorText is not null && string.IsNullOrEmpty(name)))
            {
                await Console.Error.WriteLineAsync("lxdscope: give either NAME=DIR for every member, or --collector URL --cluster NAME");
                return ExitCodes.Usage;
            }

            // Parsed here rather than by System.CommandLine, whose Uri conversion NativeAOT trims away.
            Uri? url = null;
            if (collectorText is not null
                && (!Uri.TryCreate(collectorText, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                await Console.Error.WriteLineAsync($"lxdscope: --collector '{collectorText}' is not an http(s) URL");
                return ExitCodes.Usage;
            }

            string? token = null;
            if (parse.GetValue(tokenFile) is { } file)
            {
                try
                {
                    token = (await File.ReadAllTextAsync(file.FullName, ct)).Trim();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"lxdscope: cannot read the token file: {e.Message}");
                    return ExitCodes.Usage;
                }
            }

            RecoveryPlan plan;
            if (url is not null)
            {
                try
                {
                    (var fromCollector, var choice) = await FromCollectorAsync(url, name!, token, ct);
                    plan = RecoveryPlanner.Plan(fromCollector, choice, Product(parse.GetValue(product), fromCollector));
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or InvalidDataException)
                {
                    await Console.Error.WriteLineAsync($"lxdscope: cannot read cluster {name} from the collector at {url}: {e.Message}");
                    return ExitCodes.Failed;
                }
            }
            else
            {
                var parsed = new List<(string Name, string Dir)>();
                foreach (var pair in pairs)
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0 || eq == pair.Length - 1)
                    {
                        await Console.Error.WriteLineAsync($"lxdscope: '{pair}' is not NAME=DIR");
                        return ExitCodes.Usage;
                    }

                    parsed.Add((pair[..eq], pair[(eq + 1)..]));
                }

                if (parsed.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != parsed.Count)
                {
                    await Console.Error.WriteLineAsync("lxdscope: each member may be named once");
                    return ExitCodes.Usage;
                }

                var checkedMembers = parsed.Select(p => RaftDirectoryCheck.Check(p.Name, p.Dir, ct)).ToList();
                plan = RecoveryPlanner.Plan(checkedMembers, product: Product(parse.GetValue(product), checkedMembers));
            }

            Console.Out.Write(Render(plan));
            return plan.Chosen is null ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    // The commands differ by product; copies of raft directories and the collector's view do not
    // say which product wrote them, a member's live directory does.
    private static LxdProduct Product(string? given, IReadOnlyList<RecoveryMember> members) => given switch
    {
        "incus" => LxdProduct.Incus,
        "lxd" => LxdProduct.Lxd,
        _ => members.Select(m => m.LxdDir).OfType<string>().Select(d => new LxdDirectory(d).ProductFromPath).FirstOrDefault(LxdProduct.Lxd),
    };

    public static string Render(RecoveryPlan plan)
    {
        var sb = new StringBuilder();
        sb.Append(plan.Chosen is { } chosen ? $"Recover from: {chosen.Name}\n" : "Recover from: no member can be recommended\n");
        sb.Append("\nWhy:\n");
        foreach (var reason in plan.Reasons)
        {
            sb.Append("  - ").Append(reason).Append('\n');
        }

        sb.Append("\nMembers (best first):\n");
        foreach (var m in plan.Members)
        {
            sb.Append("  ").Append(m.Name).Append(": ")
                .Append(m.Position is { } p ? p.ToString() : "position unknown")
                .Append(m.Role is { } role ? $", {role}" : "")
                .Append(m.Sound ? ", sound" : ", NOT SOUND")
                .Append(" (").Append(m.Source).Append(")\n");
            foreach (var finding in m.Findings)
            {
                sb.Append("      ").Append(finding).Append('\n');
            }
        }

        if (plan.Commands.Count > 0)
        {
            sb.Append("\nSteps:\n");
            foreach (var step in plan.Commands)
            {
                sb.Append("  ").Append(step).Append('\n');
            }
        }

        return sb.ToString();
    }

    // GET /api/v1/clusters/{name}: status.members[] carry each agent's reading of its raft files.
    private static async Task<(List<RecoveryMember> Members, string? Choice)> FromCollectorAsync(Uri baseUrl, string cluster, string? token, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var url = new Uri(baseUrl, $"/api/v1/clusters/{Uri.EscapeDataString(cluster)}");
        using var response = await http.GetAsync(url, ct);
        if (!response.IsSuccessStatusCode)
        {
            var hint = response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? " (the collector lets only its viewers read: give --token-file with a viewer or console token)" : "";
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}{hint}");
        }

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var status = doc.RootElement.GetProperty("status");
        var members = new List<RecoveryMember>();
        foreach (var m in status.GetProperty("members").EnumerateArray())
        {
            var name = m.GetProperty("name").GetString() ?? throw new InvalidDataException("a member without a name");
            RaftPosition? position = U64(m, "raft_last_term") is { } term && U64(m, "raft_last_index") is { } index ? new RaftPosition(term, index) : null;
            var errors = m.TryGetProperty("raft_log_errors", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : 0;
            var agentUp = m.TryGetProperty("agent_up", out var up) && up.ValueKind == JsonValueKind.True;
            var findings = new List<string>();
            if (errors > 0)
            {
                findings.Add($"error: its agent reports {errors} raft log error(s); run this plan on copies of the directories to see them");
            }

            if (position is null)
            {
                findings.Add("no agent report of its raft position");
            }
            else if (!agentUp)
            {
                findings.Add("its agent is not reporting now: the position is its last report");
            }

            var role = m.TryGetProperty("database_role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            members.Add(new RecoveryMember(name, "agent report through the collector", position, role, errors == 0, findings));
        }

        var quorum = status.GetProperty("quorum");
        var choice = quorum.TryGetProperty("recover_from", out var rf) && rf.ValueKind == JsonValueKind.String ? rf.GetString() : null;
        return (members, choice);
    }

    private static ulong? U64(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var n) ? n : null;
}
