using LxdScope.Fan.Correlation;

namespace LxdScope.Fan.Diagnosis;

/// <summary>
/// What became of the echo requests going one way: answered, unanswered (seen, then no reply: lost after
/// the capture point), missing (gaps in the pinger's sequence: lost before it). In-flight ones are left out.
/// </summary>
internal readonly record struct EchoLoss(long Answered, long Unanswered, long Missing)
{
    public static EchoLoss Of(DirectionStats direction)
    {
        ArgumentNullException.ThrowIfNull(direction);
        return new EchoLoss(direction.EchoReplies, direction.EchoLost, direction.EchoMissing);
    }

    public long Resolved => Answered + Unanswered + Missing;

    public long Lost => Unanswered + Missing;

    public double Rate => Resolved == 0 ? 0 : (double)Lost / Resolved;
}
