using System.Text.Json;
using System.Text.RegularExpressions;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Monitoring;

/// <summary>
/// Every PromQL expression in dashboards/*.json — panel targets (rows included), annotations and
/// the template variables' <c>label_values</c> queries — with Grafana's variables filled in as a
/// user looking at the testbed would have them.
/// </summary>
internal static partial class DashboardExpressions
{
    // $cluster is the testbed's cluster, $member "All" (Grafana sends .* for a regex match).
    private static readonly (string Variable, string Value)[] Substitutions =
    [
        ("${cluster}", "testbed"), ("$cluster", "testbed"),
        ("${member}", ".*"), ("$member", ".*"),
        ("${product}", ".*"), ("$product", ".*"),
        ("$__rate_interval", "1m"), ("$__interval", "15s"), ("$__range", "5m"),
    ];

    public static IEnumerable<DashboardExpression> All()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "dashboards"), "*.json").Order())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var root = doc.RootElement;
            var name = Path.GetFileName(file);
            foreach (var e in Panels(root.GetProperty("panels")))
            {
                yield return e with { File = name };
            }

            foreach (var a in root.GetProperty("annotations").GetProperty("list").EnumerateArray().Where(a => a.TryGetProperty("expr", out _)))
            {
                yield return new DashboardExpression(name, "annotation " + a.GetProperty("name").GetString(), Fill(a.GetProperty("expr").GetString()!), ExpressionKind.Annotation, null);
            }

            foreach (var v in root.GetProperty("templating").GetProperty("list").EnumerateArray().Where(v => v.GetProperty("type").GetString() == "query"))
            {
                var query = v.GetProperty("definition").GetString()!;
                var m = LabelValues().Match(query);
                if (!m.Success)
                {
                    throw new InvalidOperationException($"{name}: variable {v.GetProperty("name").GetString()} is not label_values(selector, label): {query}");
                }

                yield return new DashboardExpression(name, "variable " + v.GetProperty("name").GetString(), Fill(m.Groups[1].Value), ExpressionKind.Variable, m.Groups[2].Value);
            }
        }
    }

    private static IEnumerable<DashboardExpression> Panels(JsonElement panels)
    {
        foreach (var p in panels.EnumerateArray())
        {
            if (p.TryGetProperty("panels", out var nested))
            {
                foreach (var e in Panels(nested))
                {
                    yield return e;
                }
            }

            if (!p.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            foreach (var t in targets.EnumerateArray())
            {
                yield return new DashboardExpression("", $"panel '{p.GetProperty("title").GetString()}' {(t.TryGetProperty("refId", out var r) ? r.GetString() : "")}", Fill(t.GetProperty("expr").GetString()!), ExpressionKind.Panel, null);
            }
        }
    }

    private static string Fill(string expr)
    {
        foreach (var (variable, value) in Substitutions)
        {
            expr = expr.Replace(variable, value, StringComparison.Ordinal);
        }

        // A variable the test does not know would reach Prometheus as text and fail obscurely.
        return expr.Contains('$', StringComparison.Ordinal)
            ? throw new InvalidOperationException($"unknown Grafana variable left in: {expr}")
            : expr;
    }

    [GeneratedRegex(@"^label_values\((.+),\s*(\w+)\)$")]
    private static partial Regex LabelValues();
}
