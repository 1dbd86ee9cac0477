using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LxdScope.Collector;

/// <summary>Headers every response carries, whatever produced it (an endpoint, a 404, an error page).</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Same-origin only, no plugins, no framing, no base-URI tricks: ready for the HTML status
    /// pages to come, harmless for JSON.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // OnStarting: the exception handler clears headers set before it runs.
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                if (response.HttpContext.Request.IsHttps)
                {
                    // Only over HTTPS (RFC 6797 §7.2): a browser that once reached the UI securely stays on HTTPS.
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
