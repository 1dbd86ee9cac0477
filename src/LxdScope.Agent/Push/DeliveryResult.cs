namespace LxdScope.Agent.Push;

/// <param name="Status">The HTTP status, 0 when none came.</param>
/// <param name="Reason">For operators: the problem detail of a rejection, or why delivery failed.</param>
/// <param name="RetryAfter">The collector's Retry-After, when it sent one.</param>
internal readonly record struct DeliveryResult(
    DeliveryOutcome Outcome, int Status, bool Duplicate, string Reason, TimeSpan? RetryAfter);
