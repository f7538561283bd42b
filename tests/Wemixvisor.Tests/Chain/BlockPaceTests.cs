using Wemixvisor.Core.Chain;

namespace Wemixvisor.Tests.Chain;

public sealed class BlockPaceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5000, 4900)]
    [InlineData(101, 1)]
    [InlineData(100, 0)]
    [InlineData(40, 0)]
    [InlineData(0, 0)]
    public void SampleBlock_Head_HundredBelowOrGenesis(long head, long expected) =>
        Assert.Equal(expected, BlockPace.SampleBlock(head));

    [Fact]
    public void Between_HundredBlocksIn200Seconds_TwoSecondsPerBlock()
    {
        var pace = BlockPace.Between(4900, T0, 5000, T0.AddSeconds(200));

        Assert.Equal(new BlockPace(100, TimeSpan.FromSeconds(200)), pace);
        Assert.Equal(TimeSpan.FromSeconds(2), pace!.PerBlock);
    }

    [Theory]
    [InlineData(5000, 5000, 10)]
    [InlineData(5000, 4900, 10)]
    [InlineData(4900, 5000, 0)]
    [InlineData(4900, 5000, -5)]
    public void Between_NoBlockOrNoTimeBetween_Null(long from, long to, int seconds) =>
        Assert.Null(BlockPace.Between(from, T0, to, T0.AddSeconds(seconds)));

    [Theory]
    [InlineData(100, 100, 706, 706)]
    [InlineData(100, 200, 706, 1412)]
    [InlineData(100, 150, 3, 4.5)]
    [InlineData(40, 41, 0, 0)]
    [InlineData(3, 1, 10, 3.333_333_3)]
    public void TimeFor_BlocksLeft_BlocksTimesObservedBlockTime(long blocks, int seconds, long left, double expectedSeconds)
    {
        var pace = new BlockPace(blocks, TimeSpan.FromSeconds(seconds));

        var eta = pace.TimeFor(left);

        Assert.Equal(expectedSeconds, eta.TotalSeconds, precision: 6);
    }

    [Fact]
    public void TimeFor_AbsurdlyManyBlocks_CappedNotOverflowing()
    {
        var pace = new BlockPace(1, TimeSpan.FromDays(365));

        Assert.Equal(TimeSpan.MaxValue, pace.TimeFor(long.MaxValue));
    }

    [Fact]
    public void TimeFor_NegativeBlocks_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockPace(1, TimeSpan.FromSeconds(1)).TimeFor(-1));
}
