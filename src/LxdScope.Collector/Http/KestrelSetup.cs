using LxdScope.Collector.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace LxdScope.Collector.Http;

/// <summary>
/// Kestrel's limits, stated rather than inherited, and HTTPS from configuration: endpoints and
/// their PEM certificate and key under <c>Kestrel:Endpoints</c> or
/// <c>Kestrel:Certificates:Default</c> (see docs/deploying.md).
/// </summary>
internal static class KestrelSetup
{
    /// <summary>Bodies of every request but a report or a console query; those raise it for themselves.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public const int MaxRequestLineBytes = 8 * 1024;

    public const int MaxHeadersBytes = 32 * 1024;

    public const int MaxHeaderCount = 64;

    public static void UseCollectorKestrel(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The slim builder leaves out HTTPS endpoints from configuration; this brings them back.
        builder.WebHost.UseKestrelHttpsConfiguration();
        var mode = builder.Configuration.GetSection(CollectorOptions.Section).GetSection("AgentCertificates")["Mode"];
        var askForCertificate = Enum.TryParse<AgentCertificateMode>(mode, ignoreCase: true, out var parsed) && parsed != AgentCertificateMode.Off;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxHeadersBytes;
            kestrel.Limits.MaxRequestHeaderCount = MaxHeaderCount;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = MaxHeadersBytes;
            kestrel.ConfigureHttpsDefaults(https =>
            {
                if (askForCertificate)
                {
                    // Asked for, not demanded: browsers and console tools connect without one,
                    // and ingest decides per request (AgentCredentials).
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.ClientCertificateValidation = static (_, _, _) => true;
                }
            });
        });
    }
}
