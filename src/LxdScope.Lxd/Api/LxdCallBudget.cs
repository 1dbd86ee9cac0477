namespace LxdScope.Lxd.Api;

/// <summary>
/// The most one <see cref="LxdSocketClient"/> may ask of LXD over its lifetime (the agent makes
/// one client per collection cycle): requests sent, and bytes of answers read. A request beyond
/// the budget is refused before it is sent; an answer that would overrun it stops being read.
/// </summary>
/// <param name="MaxRequests">Requests on the unix socket.</param>
/// <param name="MaxResponseBytes">Bytes of response bodies, all requests together.</param>
public sealed record LxdCallBudget(int MaxRequests, long MaxResponseBytes)
{
    /// <summary>For one-off commands (inspect, sql): bounded only per answer.</summary>
    public static readonly LxdCallBudget Unlimited = new(int.MaxValue, long.MaxValue);
}
