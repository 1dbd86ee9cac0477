using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// Gzip, at its fastest level, for <c>/metrics</c> and below when the scraper asks for it
/// (Prometheus sends <c>Accept-Encoding: gzip</c>): exposition text shrinks about twentyfold.
/// Over HTTPS too, since these answers hold no secret for BREACH to guess at; the rest of the
/// collector's answers are left as they are.
/// </summary>
internal static class MetricsCompression
{
    public static IServiceCollection AddMetricsCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/plain", "application/json"];
        });
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseMetricsCompression(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/metrics"), b => b.UseResponseCompression());
}
