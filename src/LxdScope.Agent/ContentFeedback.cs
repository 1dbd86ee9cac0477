using LxdScope.Contracts;

namespace LxdScope.Agent;

/// <summary>
/// What the collector's answers asked of the content collectors: whether this agent is the one
/// sending the global database, and which databases to send in full next time. Written by the
/// pusher, read by the collectors of the next cycle.
/// </summary>
internal sealed class ContentFeedback
{
    private int sendGlobal;
    private int resendLocal;
    private int resendGlobal;

    public bool SendGlobal => Volatile.Read(ref sendGlobal) != 0;

    public void Observe(IngestResponse answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Volatile.Write(ref sendGlobal, answer.SendGlobalContent ? 1 : 0);
        if (answer.ResendContent.Contains("local"))
        {
            Volatile.Write(ref resendLocal, 1);
        }

        if (answer.ResendContent.Contains("global"))
        {
            Volatile.Write(ref resendGlobal, 1);
        }
    }

    /// <summary>True once per request to resend the database in full.</summary>
    public bool TakeResend(string database) =>
        database == "local" ? Interlocked.Exchange(ref resendLocal, 0) != 0 : Interlocked.Exchange(ref resendGlobal, 0) != 0;
}
