namespace LxdScope.Lxd.Forensics;

/// <summary>Which member to recover quorum from, why, and the commands to run.</summary>
/// <param name="Chosen">The member to recover from, or null when none can be recommended.</param>
/// <param name="Members">Every member considered, best first.</param>
/// <param name="Reasons">Why <see cref="Chosen"/> was chosen (or why none was), in plain English.</param>
/// <param name="Commands">The steps to run, LXD commands included, in order.</param>
public sealed record RecoveryPlan(
    RecoveryMember? Chosen,
    IReadOnlyList<RecoveryMember> Members,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Commands);
