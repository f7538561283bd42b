using Wemixvisor.Core.Chain;

namespace Wemixvisor.Tests.Chain;

public sealed class SwitchPlanTests
{
    private static readonly ChainPolicy Policy = new(SwitchMargin: 20, StaggerBlocks: 10, StallTimeout: TimeSpan.FromSeconds(30), ReadyTimeout: TimeSpan.FromMinutes(2));
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ValidatorSlot SlotOf(int index, int count) =>
        ValidatorSlot.From(Address(index), Enumerable.Range(0, count).Select(Address).ToList());

    private static string Address(int i) => "0x" + i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);

    private static ChainHead Head(long height, TimeSpan unchanged = default) => new(height, T0, T0 + unchanged);

    [Theory]
    [InlineData(4, 0, 1000 - 20 - 30)]
    [InlineData(4, 2, 1000 - 20 - 10)]
    [InlineData(4, 3, 1000 - 20)]
    [InlineData(7, 0, 1000 - 20 - 60)]
    [InlineData(7, 3, 1000 - 20 - 30)]
    [InlineData(7, 6, 1000 - 20)]
    [InlineData(21, 0, 1000 - 20 - 200)]
    [InlineData(21, 10, 1000 - 20 - 100)]
    [InlineData(21, 20, 1000 - 20)]
    public void SwitchPoint_ValidatorIndex_FirstValidatorGoesFirstLastAtMargin(int validators, int index, long expected)
    {
        // Arrange / Act
        var plan = SwitchPlan.For(1000, SlotOf(index, validators), Policy);

        // Assert
        Assert.Equal(expected, plan.SwitchPoint);
    }

    [Fact]
    public void SwitchPoint_NonValidator_SwitchesAtMargin()
    {
        var plan = SwitchPlan.For(1000, ValidatorSlot.From("0x00000000000000000000000000000000000000ff", [Address(0), Address(1)]), Policy);

        Assert.Equal(980, plan.SwitchPoint);
    }

    [Fact]
    public void Due_OneBlockBeforeSwitchPoint_Waits()
    {
        var plan = SwitchPlan.For(1000, SlotOf(3, 4), Policy);

        Assert.Null(plan.Due(Head(979), Policy));
        Assert.Equal(SwitchReason.SwitchPoint, plan.Due(Head(980), Policy));
    }

    [Fact]
    public void Due_StalledOneBlockShortOfSwitchPoint_SwitchesOnlyAfterStallTimeout()
    {
        var plan = SwitchPlan.For(1000, SlotOf(3, 4), Policy with { SwitchMargin = 0 });

        Assert.Null(plan.Due(Head(999, TimeSpan.FromSeconds(29)), Policy));
        Assert.Equal(SwitchReason.Stalled, plan.Due(Head(999, TimeSpan.FromSeconds(30)), Policy));
        Assert.Null(plan.Due(Head(998, TimeSpan.FromMinutes(5)), Policy));
    }

    [Fact]
    public void Due_HeadAtOrPastUpgradeHeight_IsLate()
    {
        var plan = SwitchPlan.For(1000, SlotOf(0, 4), Policy);

        Assert.Equal(SwitchReason.Late, plan.Due(Head(1000), Policy));
        Assert.Equal(SwitchReason.Late, plan.Due(Head(5000), Policy));
    }

    [Fact]
    public void ChainHead_Next_RestartsStallClockOnAnyChangeIncludingRewind()
    {
        var first = ChainHead.Next(null, 100, T0);
        var same = ChainHead.Next(first, 100, T0.AddSeconds(10));
        var rewound = ChainHead.Next(same, 90, T0.AddSeconds(11));

        Assert.Equal(TimeSpan.FromSeconds(10), same.Unchanged);
        Assert.Equal(new ChainHead(90, T0.AddSeconds(11), T0.AddSeconds(11)), rewound);
    }
}
