namespace Wemixvisor.Core.Chain;

/// <summary>
/// How fast the chain has been making blocks: <paramref name="Blocks"/> blocks in <paramref name="Elapsed"/>, from
/// the timestamps of two blocks. It turns a number of blocks into an estimated time.
/// </summary>
public sealed record BlockPace(long Blocks, TimeSpan Elapsed)
{
    /// <summary>How many blocks back from the head the pace is measured over.</summary>
    public const int Window = 100;

    /// <summary>The block the pace is measured from: <see cref="Window"/> blocks below <paramref name="head"/>, or genesis on a shorter chain.</summary>
    public static long SampleBlock(long head) => Math.Max(head - Window, 0);

    /// <summary>
    /// The pace between block <paramref name="from"/> made at <paramref name="fromTime"/> and block <paramref name="to"/>
    /// made at <paramref name="toTime"/>; null when there is no block between them or no time passed (block
    /// timestamps are whole seconds).
    /// </summary>
    public static BlockPace? Between(long from, DateTimeOffset fromTime, long to, DateTimeOffset toTime) =>
        to > from && toTime > fromTime ? new BlockPace(to - from, toTime - fromTime) : null;

    /// <summary>The average time of one block.</summary>
    public TimeSpan PerBlock => TimeSpan.FromTicks(Elapsed.Ticks / Blocks);

    /// <summary>The time <paramref name="blocks"/> more blocks take at this pace (capped at <see cref="TimeSpan.MaxValue"/>).</summary>
    public TimeSpan TimeFor(long blocks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blocks);
        var ticks = (double)Elapsed.Ticks * blocks / Blocks;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)Math.Round(ticks));
    }
}
