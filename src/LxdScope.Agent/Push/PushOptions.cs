using System.Text;

namespace LxdScope.Agent.Push;

/// <summary>Which collectors reports go to, and how hard the pusher tries.</summary>
internal sealed record PushOptions
{
    /// <summary>
    /// The collectors' base addresses (<c>https://collector:9480/</c>), preferred first; reports go
    /// to <c>api/v1/reports</c> below each. Several only make sense for collectors sharing one
    /// store (PostgreSQL): the pusher sends each report to one of them, and a report that reaches
    /// two is counted once only when they share the store.
    /// </summary>
    public required IReadOnlyList<Uri> CollectorUrls { get; init; }

    /// <summary>The agent's bearer token. Never logged, and left out of <see cref="ToString"/>.</summary>
    public required string Token { get; init; }

    /// <summary>How long one request may take, connecting included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The backoff ceiling after the first failure; it doubles with each further failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest backoff ceiling; also the wait after a 401, for the token to be rotated.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After failing over from the first collector, how long before it is tried again: the
    /// preferred collector gets its agents back once it returns, and a collector that is still
    /// down costs one refused attempt per period.
    /// </summary>
    public TimeSpan FailbackAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CollectorUrls is null || CollectorUrls.Count == 0)
        {
            errors.Add("At least one collector URL is required.");
        }
        else
        {
            foreach (var url in CollectorUrls)
            {
                if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    errors.Add($"The collector URL must be an absolute http or https address (was '{url}').");
                }
                else if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
                {
                    errors.Add($"The collector URL must have no query or fragment (was '{url}').");
                }
            }

            if (CollectorUrls.Where(u => u is not null).GroupBy(u => u.AbsoluteUri.TrimEnd('/'), StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
            {
                errors.Add("A collector URL is listed twice.");
            }
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

        if (FailbackAfter <= TimeSpan.Zero)
        {
            errors.Add($"FailbackAfter must be positive (was {FailbackAfter}).");
        }

        return errors;
    }

    /// <summary>The addresses reports are posted to, in the order of <see cref="CollectorUrls"/>.</summary>
    public IReadOnlyList<Uri> ReportsUrls => [.. CollectorUrls.Select(ReportsUrlOf)];

    private static Uri ReportsUrlOf(Uri collector)
    {
        // Without the trailing slash, a base with a path prefix (https://host/lxdscope) would lose it.
        var text = collector.AbsoluteUri;
        var baseUrl = text.EndsWith('/') ? collector : new Uri(text + "/");
        return new Uri(baseUrl, "api/v1/reports");
    }

    // Records print every property; the token must not reach a log through an options dump.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"CollectorUrls = [{string.Join(", ", CollectorUrls ?? [])}], Token = <redacted>, RequestTimeout = {RequestTimeout}, ");
        builder.Append($"InitialBackoff = {InitialBackoff}, MaxBackoff = {MaxBackoff}, FailbackAfter = {FailbackAfter}");
        return true;
    }
}
