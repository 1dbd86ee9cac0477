using Microsoft.Net.Http.Headers;

namespace LxdScope.Collector.Pages;

/// <summary>One file of the built-in pages, read once from the assembly.</summary>
/// <param name="ETag">A hash of the content: the browser revalidates (no-cache) and gets 304 while the file is unchanged.</param>
internal sealed record PageAsset(string Name, byte[] Content, string ContentType, EntityTagHeaderValue ETag);
