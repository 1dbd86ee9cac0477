using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Pages;

/// <summary>
/// The built-in web pages: <c>/</c> (every cluster), <c>/clusters/{name}</c> (one cluster),
/// <c>/sql</c> (the SQL console), and their files under <c>/ui/</c>. Plain HTML, CSS and
/// JavaScript modules that read the collector's JSON APIs from the browser; nothing inline, so
/// the collector's Content-Security-Policy (<see cref="SecurityHeaders"/>) holds for them too.
/// </summary>
internal static class PagesApi
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        var assets = PageAssets.Load();
        // Open to all, viewers or not: these files are the same in every installation and hold no
        // data (a browser cannot send a bearer token when it navigates). The pages ask for a token
        // and send it with their API requests, which are closed when viewers are configured.
        var group = app.MapGroup("").WithTags("Pages").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/", (HttpContext context) => Serve(assets, "index.html", context));
        group.MapGet("/clusters/{name}", (string name, HttpContext context) => Serve(assets, "cluster.html", context));
        group.MapGet("/sql", (HttpContext context) => Serve(assets, "sql.html", context));
        group.MapGet("/ui/{file}", (string file, HttpContext context) => Serve(assets, file, context));
        return app;
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Serve(PageAssets assets, string name, HttpContext context)
    {
        if (assets.Find(name) is not { } asset)
        {
            return TypedResults.Problem(title: "Not found", detail: $"The collector has no page file named {name}.", statusCode: StatusCodes.Status404NotFound);
        }

        // Revalidate every time: after an upgrade the browser must not mix old scripts with a new API.
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }
}
