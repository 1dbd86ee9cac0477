namespace LxdScope.Agent.Push;

/// <summary>What became of one attempt to deliver a report.</summary>
internal enum DeliveryOutcome
{
    /// <summary>2xx: the collector stored it (or had already: <see cref="DeliveryResult.Duplicate"/>).</summary>
    Acknowledged,

    /// <summary>400, 403, 413: this report will never be accepted.</summary>
    Rejected,

    /// <summary>401: the token is refused; it may be rotated, so the report is kept.</summary>
    Unauthorized,

    /// <summary>No answer, or one that may change (5xx, 429, …): retry the same report.</summary>
    Failed,
}
