using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace LxdScope.Collector.Partition;

/// <summary>
/// Reads of one cluster (<c>{name}</c> in the route) on a collector that does not hold its lease
/// are forwarded to the collector that does, with the reader's own credentials, so that any
/// collector answers for every cluster: browsers, curl and Prometheus alike, none of which would
/// carry a bearer token across a redirect to another host. A forwarded request is never
/// forwarded again: while a lease moves, the collector asked answers from what it holds.
/// </summary>
internal static class OwnerForwarding
{
    /// <summary>Marks a request one collector forwarded to another; its value names the sender.</summary>
    public const string Header = "X-LxdScope-Forwarded-By";

    /// <summary>Forwards this endpoint's requests for a cluster another collector holds.</summary>
    public static TBuilder ForwardToOwner<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var ownership = http.RequestServices.GetRequiredService<ClusterOwnership>();
            if (!ownership.Partitioned
                || http.GetRouteValue("name") is not string name
                || ownership.Owns(name)
                || http.Request.Headers.ContainsKey(Header)
                || ownership.OwnerOf(name) is not { } owner)
            {
                return await next(context);
            }

            var forwarder = http.RequestServices.GetRequiredService<IHttpForwarder>();
            var client = http.RequestServices.GetRequiredService<OwnerClient>();
            var error = await forwarder.SendAsync(http, owner, client.Invoker, ForwarderRequestConfig.Empty, client.Transformer);
            if (error == ForwarderError.None || http.Response.HasStarted)
            {
                return Results.Empty;
            }

            return TypedResults.Problem(
                detail: $"Cluster {name} is judged by the collector at {owner}, which did not answer ({error}); its lease moves to another collector within a lease time if it is gone.",
                statusCode: StatusCodes.Status502BadGateway,
                title: "The cluster's collector did not answer");
        });

    /// <summary>The one HTTP client that forwards reads to other collectors.</summary>
    internal sealed class OwnerClient : IDisposable
    {
        public OwnerClient(ClusterOwnership ownership)
            : this(ownership, null)
        {
        }

        /// <param name="handler">What carries the requests; null for the network (tests hand in another collector's in-memory server).</param>
        internal OwnerClient(ClusterOwnership ownership, HttpMessageHandler? handler)
        {
            ArgumentNullException.ThrowIfNull(ownership);
            Invoker = new HttpMessageInvoker(handler ?? new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                ActivityHeadersPropagator = null,
            });
            Transformer = new Marked(ownership.Self ?? "");
        }

        public HttpMessageInvoker Invoker { get; }

        public HttpTransformer Transformer { get; }

        public void Dispose() => Invoker.Dispose();

        private sealed class Marked(string self) : HttpTransformer
        {
            public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
            {
                await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
                proxyRequest.Headers.TryAddWithoutValidation(Header, self);
            }
        }
    }
}
