namespace LxdScope.Collector.Ingest;

/// <summary>Why a report was refused.</summary>
internal enum IngestRejectReason
{
    /// <summary>No bearer token, or one that no configured hash matches (401).</summary>
    Unauthorized,

    /// <summary>A valid token for another cluster than the report's (403).</summary>
    Forbidden,

    /// <summary>The body, or the report once decompressed, is larger than allowed (413).</summary>
    TooLarge,

    /// <summary>A Content-Encoding other than gzip or identity (415).</summary>
    UnsupportedEncoding,

    /// <summary>The body could not be read, or is not valid, complete gzip (400).</summary>
    BadBody,

    /// <summary>The report is not JSON of the contract's shape (400).</summary>
    MalformedJson,

    /// <summary>The report parsed but breaks the contract's rules: version, identifiers, sequence (400).</summary>
    Invalid,
}
