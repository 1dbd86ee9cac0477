using System.Globalization;
using System.Text;
using LxdScope.Contracts;

namespace LxdScope.Collector.Ingest;

/// <summary>The contract's rules that JSON parsing alone does not enforce.</summary>
internal static class ReportValidation
{
    public const int MaxIdentifierLength = 128;

    /// <summary>What is wrong with the report, or null when nothing is.</summary>
    public static string? Problem(AgentReport report)
    {
        if (report.Version != AgentReport.CurrentVersion)
        {
            return string.Create(CultureInfo.InvariantCulture, $"version {report.Version} is not supported; this collector reads version {AgentReport.CurrentVersion}.");
        }

        var identifier = IdentifierProblem("agent_id", report.AgentId)
            ?? IdentifierProblem("cluster", report.Cluster)
            ?? IdentifierProblem("epoch", report.Epoch);
        if (identifier is not null)
        {
            return identifier;
        }

        if (report.Sequence < 1)
        {
            return "sequence must be 1 or more.";
        }

        // The serializer does not enforce non-nullable annotations: "collectors": null parses.
        if (report.Collectors is null)
        {
            return "collectors is missing.";
        }

        for (var i = 0; i < report.Collectors.Count; i++)
        {
            if (report.Collectors[i]?.Name is null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"collectors[{i}] has no name.");
            }
        }

        return report.Self is null ? "self is missing." : null;
    }

    private static string? IdentifierProblem(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{name} is empty.";
        }

        if (value.Length > MaxIdentifierLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name} is longer than {MaxIdentifierLength} characters.");
        }

        return IsPrintable(value) ? null : $"{name} contains control, invisible or invalid characters.";
    }

    /// <summary>No control or format characters, no line separators, no lone surrogates.</summary>
    internal static bool IsPrintable(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}
