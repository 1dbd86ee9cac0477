using System.Text;

namespace LxdScope.Agent.Push;

/// <summary>Which collector reports go to, and how hard the pusher tries.</summary>
public sealed record PushOptions
{
    /// <summary>The collector's base address (<c>https://collector:9480/</c>); reports go to <c>api/v1/reports</c> below it.</summary>
    public required Uri CollectorUrl { get; init; }

    /// <summary>The agent's bearer token. Never logged, and left out of <see cref="ToString"/>.</summary>
    public required string Token { get; init; }

    /// <summary>How long one request may take, connecting included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The backoff ceiling after the first failure; it doubles with each further failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest backoff ceiling; also the wait after a 401, for the token to be rotated.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CollectorUrl is null || !CollectorUrl.IsAbsoluteUri
            || (CollectorUrl.Scheme != Uri.UriSchemeHttp && CollectorUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"The collector URL must be an absolute http or https address (was '{CollectorUrl}').");
        }
        else if (!string.IsNullOrEmpty(CollectorUrl.Query) || !string.IsNullOrEmpty(CollectorUrl.Fragment))
        {
            errors.Add($"The collector URL must have no query or fragment (was '{CollectorUrl}').");
        }

        if (string.IsNullOrEmpty(Token))
        {
            errors.Add("The token is empty.");
        }
        else if (Token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            // A stray newline from a token file would otherwise fail every request with a 401.
            errors.Add("The token contains whitespace or control characters.");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout == Timeout.InfiniteTimeSpan)
        {
            errors.Add($"RequestTimeout must be positive and finite (was {RequestTimeout}).");
        }

        if (InitialBackoff <= TimeSpan.Zero)
        {
            errors.Add($"InitialBackoff must be positive (was {InitialBackoff}).");
        }

        if (MaxBackoff < InitialBackoff)
        {
            errors.Add($"MaxBackoff ({MaxBackoff}) must be at least InitialBackoff ({InitialBackoff}).");
        }

        return errors;
    }

    /// <summary>The address reports are posted to.</summary>
    public Uri ReportsUrl
    {
        get
        {
            // Without the trailing slash, a base with a path prefix (https://host/lxdscope) would lose it.
            var text = CollectorUrl.AbsoluteUri;
            var baseUrl = text.EndsWith('/') ? CollectorUrl : new Uri(text + "/");
            return new Uri(baseUrl, "api/v1/reports");
        }
    }

    // Records print every property; the token must not reach a log through an options dump.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"CollectorUrl = {CollectorUrl}, Token = <redacted>, RequestTimeout = {RequestTimeout}, ");
        builder.Append($"InitialBackoff = {InitialBackoff}, MaxBackoff = {MaxBackoff}");
        return true;
    }
}
