using LxdScope.Lxd;
using LxdScope.Lxd.Content;

namespace LxdScope.Agent.Content;

/// <summary>
/// What the content sources pass every database snapshot through before it is sent: the
/// secrets replaced by markers (<see cref="SecretRedactor"/>), or — only when the operator
/// switched redaction off (Agent:Content:RedactSecrets=false, logged at start) — unchanged.
/// </summary>
internal sealed class ContentRedaction(bool enabled, IReadOnlyList<RedactionRule> rules, string stateDirectory)
{
    private readonly Lock gate = new();
    private SecretRedactor? redactor;

    public bool Enabled => enabled;

    public IReadOnlyList<RedactionRule> Rules => rules;

    /// <summary>Where the marker key came from, once loaded.</summary>
    public string? KeySource { get; private set; }

    public DatabaseSnapshot Apply(DatabaseSnapshot snapshot, LxdDirectory lxd)
    {
        if (!enabled)
        {
            return snapshot;
        }

        SecretRedactor current;
        lock (gate)
        {
            if (redactor is null)
            {
                var (key, source) = RedactionKey.Load(lxd, stateDirectory);
                redactor = new SecretRedactor(key, rules);
                KeySource = source;
            }

            current = redactor;
        }

        return current.Apply(snapshot);
    }
}
