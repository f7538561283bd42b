using Wemixvisor.Core.Layout;

namespace Wemixvisor.Core.Chain;

/// <summary>
/// What the supervisor knows of the chain: the head it last read, why the last read failed (null when it
/// answered), and the validator slot read for the upgrade the chain is being watched for.
/// </summary>
public sealed record ChainView(ChainHead? Head, string? Unavailable, ChainSlot? Slot)
{
    public static readonly ChainView Unknown = new(null, null, null);

    public ChainView WithHead(long height, DateTimeOffset at) => new(ChainHead.Next(Head, height, at), null, Slot);

    /// <summary>The slot read for <paramref name="upgrade"/>, or null when none was read for it yet.</summary>
    public ValidatorSlot? SlotFor(UpgradeName upgrade) => Slot is { } slot && slot.Upgrade == upgrade ? slot.Slot : null;
}

/// <summary>The node's validator slot, as read while <paramref name="Upgrade"/> was pending.</summary>
public sealed record ChainSlot(UpgradeName Upgrade, ValidatorSlot Slot);
