using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace LxdScope.Collector.Pages;

/// <summary>
/// The pages' HTML, CSS and JavaScript, embedded in the assembly (<c>Pages/wwwroot</c>, see the
/// project file): the collector is one file, with no web root on disk and no build step for the UI.
/// </summary>
internal sealed class PageAssets
{
    /// <summary>The resources' logical names start with this (see the project file).</summary>
    public const string ResourcePrefix = "pages/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    };

    private readonly Dictionary<string, PageAsset> assets;

    private PageAssets(Dictionary<string, PageAsset> assets) => this.assets = assets;

    public IReadOnlyCollection<string> Names => assets.Keys;

    public static PageAssets Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var assets = new Dictionary<string, PageAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            // A file type without a known content type is a mistake in the project, not something to guess at run time.
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name))
                ?? throw new InvalidOperationException($"Page asset {name}: no content type for its extension.");
            var content = Read(assembly, resource);
            var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"");
            assets[name] = new PageAsset(name, content, type, etag);
        }

        return new PageAssets(assets);
    }

    public PageAsset? Find(string name) => assets.GetValueOrDefault(name);

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is listed but cannot be opened.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
