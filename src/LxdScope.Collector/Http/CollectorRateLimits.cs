using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using LxdScope.Collector.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Http;

/// <summary>
/// One token bucket per credential and policy: ingest (<c>POST /api/v1/reports</c>), metrics
/// (<c>/metrics</c> and below, where Prometheus scrapes one target per cluster) and everything
/// else but health probes (one bucket per viewer or console token). A credential is known by a hash of it, never by itself;
/// requests without a valid one share a bucket per remote address, so made-up tokens cannot
/// open fresh buckets. Refusals are 429 with Retry-After, counted in
/// <c>lxdscope_http_rate_limited_total</c>.
/// </summary>
internal static class CollectorRateLimits
{
    public const string IngestPolicy = "ingest";
    public const string ApiPolicy = "api";
    public const string MetricsPolicy = "metrics";

    public static IServiceCollection AddCollectorRateLimits(this IServiceCollection services)
    {
        services.TryAddSingleton<RateLimitCounters>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<CollectorOptions>, AgentTokens, AgentCertificates, Readers, RateLimitCounters>(
            (limiter, options, agents, certificates, readers, counters) =>
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    Partition(context, options.CurrentValue.RateLimits, agents, certificates, readers));
                limiter.OnRejected = (rejected, _) => RejectAsync(rejected, counters);
            });
        return services;
    }

    public static IApplicationBuilder UseCollectorRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    private static RateLimitPartition<string> Partition(
        HttpContext context, RateLimitsOptions limits, AgentTokens agents, AgentCertificates certificates, Readers readers)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz"))
        {
            return RateLimitPartition.GetNoLimiter("health");
        }

        var policy = PolicyFor(path);
        var ingest = policy == IngestPolicy;
        var settings = policy switch
        {
            IngestPolicy => limits.Ingest,
            MetricsPolicy => limits.Metrics,
            _ => limits.Api,
        };
        var authorization = context.Request.Headers.Authorization.ToString();
        var credential = ingest
            ? CertificateKey(context, certificates) ?? (agents.ClusterForHeader(authorization) is null ? null : TokenKey(authorization))
            : readers.ForHeader(authorization) is null ? null : TokenKey(authorization);
        var who = credential ?? "address:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);

        // The limits are part of the key: an edited configuration takes effect with fresh buckets.
        var key = string.Create(CultureInfo.InvariantCulture, $"{policy}|{settings.Burst}|{settings.PerSecond}|{who}");
        var burst = Math.Max(1, settings.Burst);
        var perSecond = Math.Max(1, settings.PerSecond);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static string PolicyFor(PathString path) =>
        path.StartsWithSegments("/api/v1/reports") ? IngestPolicy : path.StartsWithSegments("/metrics") ? MetricsPolicy : ApiPolicy;

    private static string? CertificateKey(HttpContext context, AgentCertificates certificates) =>
        certificates.Mode != AgentCertificateMode.Off && context.Connection.ClientCertificate is { } certificate && certificates.ClusterFor(certificate) is not null
            ? "certificate:" + Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span))
            : null;

    // A different hash than the configured SHA-256 of the token, so the key is not the stored hash either.
    private static string TokenKey(string authorization) =>
        "token:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("lxdscope-rate-limit:" + TokenMatch.FromHeader(authorization).ToString())));

    private static async ValueTask RejectAsync(OnRejectedContext rejected, RateLimitCounters counters)
    {
        var http = rejected.HttpContext;
        var policy = PolicyFor(http.Request.Path);
        counters.Count(policy);
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            detail: string.Create(CultureInfo.InvariantCulture, $"Too many requests for this credential ({policy}); try again in {seconds} s."),
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(http);
    }
}
