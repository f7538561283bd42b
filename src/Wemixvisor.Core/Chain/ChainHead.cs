namespace Wemixvisor.Core.Chain;

/// <summary>
/// The node's chain head as the supervisor last read it.
/// <paramref name="Since"/>: when the head first showed <paramref name="Height"/> (the stall clock);
/// <paramref name="ReadAt"/>: the latest read.
/// </summary>
public sealed record ChainHead(long Height, DateTimeOffset Since, DateTimeOffset ReadAt)
{
    /// <summary>The head after a new read: the stall clock restarts whenever the height changes, backwards included.</summary>
    public static ChainHead Next(ChainHead? last, long height, DateTimeOffset at) =>
        last is not null && last.Height == height ? last with { ReadAt = at } : new ChainHead(height, at, at);

    /// <summary>How long the head has stayed at its height, as of its latest read.</summary>
    public TimeSpan Unchanged => ReadAt - Since;
}
