namespace Wemixvisor.Core.Chain;

/// <summary>Why a height-scheduled upgrade is switched now.</summary>
public enum SwitchReason
{
    /// <summary>The head reached this validator's switch point.</summary>
    SwitchPoint,

    /// <summary>The head stopped one block short of the switch point for the stall timeout: waiting any longer cannot help.</summary>
    Stalled,

    /// <summary>The head is already at or past the upgrade height: the switch point was missed.</summary>
    Late,
}

/// <summary>
/// When a validator switches to an upgrade scheduled at height H: at H − margin − slot × stagger, so
/// the validators switch one after the other, each in its own slot, all before H.
/// </summary>
public sealed record SwitchPlan(long UpgradeHeight, ValidatorSlot Slot, long SwitchPoint)
{
    public static SwitchPlan For(long upgradeHeight, ValidatorSlot slot, ChainPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(policy);
        return new(upgradeHeight, slot, upgradeHeight - policy.SwitchMargin - ((long)slot.Slot * policy.StaggerBlocks));
    }

    /// <summary>Blocks left until the switch point (0 when it is reached).</summary>
    public long BlocksLeft(long head) => Math.Max(SwitchPoint - head, 0);

    /// <summary>Whether to switch at <paramref name="head"/>, and why; null to keep waiting.</summary>
    public SwitchReason? Due(ChainHead head, ChainPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(policy);
        if (head.Height >= UpgradeHeight)
        {
            return SwitchReason.Late;
        }
        if (head.Height >= SwitchPoint)
        {
            return SwitchReason.SwitchPoint;
        }
        if (head.Height >= SwitchPoint - 1 && head.Unchanged >= policy.StallTimeout)
        {
            return SwitchReason.Stalled;
        }
        return null;
    }
}
