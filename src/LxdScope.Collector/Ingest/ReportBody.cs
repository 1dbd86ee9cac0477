using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LxdScope.Collector.Ingest;

/// <summary>Reads a report's body under the configured limits and undoes its Content-Encoding.</summary>
internal static class ReportBody
{
    // 10-byte header, at least 2 bytes of deflate data, 8-byte trailer (RFC 1952).
    private const int MinGzipLength = 20;

    /// <summary>Reads at most <paramref name="maxBytes"/>; the result is the raw body or why it was refused.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, IngestProblem? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes, "body"));
        }

        // Kestrel's own limit (30 MB by default) follows the configured one, for this request only.
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var (buffer, length, exceeded) = await BoundedRead.ReadAsync(request.Body, maxBytes, request.ContentLength, cancellationToken);
            return exceeded ? (default, TooLarge(maxBytes, "body")) : (buffer.AsMemory(0, length), null);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's verdict on the request itself: too large, too slow, cut short.
            var reason = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? IngestRejectReason.TooLarge : IngestRejectReason.BadBody;
            return (default, IngestProblem.Create(e.StatusCode, reason, "The request body could not be read: " + e.Message));
        }
    }

    /// <summary>The report's JSON bytes: the body itself, or the body gunzipped within <paramref name="maxDecompressedBytes"/>.</summary>
    public static (ReadOnlyMemory<byte> Json, IngestProblem? Problem) Decode(string? contentEncoding, ReadOnlyMemory<byte> body, long maxDecompressedBytes)
    {
        var encoding = contentEncoding?.Trim();
        if (string.IsNullOrEmpty(encoding) || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return body.Length > maxDecompressedBytes ? (default, TooLarge(maxDecompressedBytes, "report")) : (body, null);
        }

        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
        {
            return Gunzip(body, maxDecompressedBytes);
        }

        return (default, IngestProblem.Create(
            StatusCodes.Status415UnsupportedMediaType,
            IngestRejectReason.UnsupportedEncoding,
            $"Content-Encoding \"{IngestProblem.Cap(encoding, 40)}\" is not supported; send gzip or identity."));
    }

    private static (ReadOnlyMemory<byte> Json, IngestProblem? Problem) Gunzip(ReadOnlyMemory<byte> body, long maxBytes)
    {
        var span = body.Span;
        if (span.Length < 2 || span[0] != 0x1f || span[1] != 0x8b)
        {
            return (default, BadGzip("The body is not gzip data (no gzip header)."));
        }

        if (span.Length < MinGzipLength)
        {
            return (default, BadGzip("The gzip data is truncated."));
        }

        // ISIZE: the uncompressed length modulo 2^32, from the trailer.
        var declaredLength = BinaryPrimitives.ReadUInt32LittleEndian(span[^4..]);
        byte[] buffer;
        int length;
        bool exceeded;
        try
        {
            using var gzip = new GZipStream(new ReadOnlyMemoryStream(body), CompressionMode.Decompress);
            (buffer, length, exceeded) = BoundedRead.Read(gzip, maxBytes, declaredLength);
        }
        catch (InvalidDataException)
        {
            return (default, BadGzip("The gzip data is corrupt."));
        }

        if (exceeded)
        {
            return (default, TooLarge(maxBytes, "decompressed report"));
        }

        // .NET's GZipStream ends quietly when its input ends mid-stream; zlib checks the trailer
        // only when it reaches it. A cut body therefore shows as a trailer that does not match
        // the data. (One gzip member is expected, as agents send.)
        if ((uint)length != declaredLength)
        {
            return (default, BadGzip("The gzip data is truncated (its trailer does not match the data; one gzip member is expected)."));
        }

        return (buffer.AsMemory(0, length), null);
    }

    private static IngestProblem BadGzip(string detail) =>
        IngestProblem.Create(StatusCodes.Status400BadRequest, IngestRejectReason.BadBody, detail);

    private static IngestProblem TooLarge(long maxBytes, string what) =>
        IngestProblem.Create(
            StatusCodes.Status413PayloadTooLarge,
            IngestRejectReason.TooLarge,
            string.Create(CultureInfo.InvariantCulture, $"The {what} is larger than {maxBytes} bytes."));
}
