using LxdScope.Lxd.Content;
using Microsoft.Extensions.Configuration;

namespace LxdScope.Agent.Content;

/// <summary>Configuration section <c>Agent:Content</c>: what is redacted from database content before it leaves the host, as bound.</summary>
internal sealed class ContentSection
{
    /// <summary>true (the default) or false; false is logged as a warning at start.</summary>
    public string? RedactSecrets { get; set; }

    /// <summary>Rules besides <see cref="RedactionRule.Defaults"/>: "TABLE:KEY" or "TABLE.COLUMN", a list or comma-separated.</summary>
    public IList<string> Redact { get; set; } = [];

    internal bool RedactSecretsValue => ConfigValue.Boolean(RedactSecrets, true);

    internal IReadOnlyList<RedactionRule> Redactions => [.. RedactionRule.Defaults, .. Redact.Select(RedactionRule.Parse)];

    /// <summary>The comma-separated form of <see cref="Redact"/>, which the binder does not read.</summary>
    internal void Complete(IConfigurationSection section) => Redact = ConfigList.Read(section.GetSection(nameof(Redact)), Redact);

    internal void Validate(List<string> failures)
    {
        ConfigValue.CheckBoolean(failures, "Agent:Content:RedactSecrets", RedactSecrets);
        foreach (var rule in Redact)
        {
            try
            {
                RedactionRule.Parse(rule);
            }
            catch (FormatException e)
            {
                failures.Add($"Agent:Content:Redact: {e.Message}");
            }
        }
    }
}
