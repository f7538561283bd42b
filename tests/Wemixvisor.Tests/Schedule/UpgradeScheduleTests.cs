using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Tests.Schedule;

public sealed class UpgradeScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddHours(1);

    private static UpgradeName N(string name) => UpgradeName.Parse(name);

    private static ScheduledUpgrade Pending(string name, long height) => new(N(name), height, ScheduleStatus.Pending, null, T0);

    private static UpgradeSchedule Of(params ScheduledUpgrade[] entries) =>
        UpgradeSchedule.TryCreate(entries, out var schedule, out var error) ? schedule : throw new InvalidOperationException(error);

    private static UpgradeSchedule Done(ScheduleEdit edit) => Assert.IsType<ScheduleEdit.Done>(edit).Schedule;

    private static string Refused(ScheduleEdit edit) => Assert.IsType<ScheduleEdit.Refused>(edit).Reason;

    [Fact]
    public void Add_ToEmpty_IsOnePendingEntryStampedWithTheTime()
    {
        var schedule = Done(UpgradeSchedule.Empty.Add(N("v2"), 1200, AppliedUpgrade.Genesis, T1));

        Assert.Equal([new ScheduledUpgrade(N("v2"), 1200, ScheduleStatus.Pending, null, T1)], schedule.Entries);
    }

    [Fact]
    public void Add_BetweenTwoEntries_KeepsHeightOrder()
    {
        var schedule = Done(Of(Pending("v2", 1200), Pending("v4", 1400)).Add(N("v3"), 1300, AppliedUpgrade.Genesis, T1));

        Assert.Equal(["v2", "v3", "v4"], schedule.Entries.Select(entry => entry.Name.Value));
        Assert.Equal([1200L, 1300, 1400], schedule.Entries.Select(entry => entry.Height));
    }

    [Theory]
    [InlineData(0, "height must be greater than 0, not 0")]
    [InlineData(-1, "height must be greater than 0, not -1")]
    [InlineData(long.MinValue, "height must be greater than 0, not -9223372036854775808")]
    public void Add_HeightNotPositive_IsRefused(long height, string expected) =>
        Assert.Equal(expected, Refused(UpgradeSchedule.Empty.Add(N("v2"), height, AppliedUpgrade.Genesis, T1)));

    [Theory]
    [InlineData(999)]
    [InlineData(1000)]
    public void Add_AtOrBelowTheAppliedHeight_IsRefused(long height) =>
        Assert.Equal(
            $"height {height} is not above the applied upgrade v1 at height 1000; wemixvisor never downgrades",
            Refused(UpgradeSchedule.Empty.Add(N("v2"), height, new AppliedUpgrade(N("v1"), 1000), T1)));

    [Fact]
    public void Add_TheAppliedUpgradesName_IsRefused() =>
        Assert.Equal(
            "upgrade v1 is the applied upgrade (at height 1000); it cannot be scheduled again",
            Refused(UpgradeSchedule.Empty.Add(N("v1"), 2000, new AppliedUpgrade(N("v1"), 1000), T1)));

    [Fact]
    public void Add_NameAlreadyPending_IsRefusedNamingCancel()
    {
        var schedule = Of(Pending("v2", 1200));

        var reason = Refused(schedule.Add(N("v2"), 1300, AppliedUpgrade.Genesis, T1));

        Assert.Equal("upgrade v2 is already scheduled at height 1200; to move it, cancel it first with: wemixvisor schedule cancel v2", reason);
    }

    [Fact]
    public void Add_NameAppliedBefore_IsRefused()
    {
        // The marker names a later upgrade; v2's entry records that it was applied on the way.
        var schedule = Of(new ScheduledUpgrade(N("v2"), 1200, ScheduleStatus.Applied, null, T0));

        var reason = Refused(schedule.Add(N("v2"), 1600, new AppliedUpgrade(N("v3"), 1500), T1));

        Assert.Equal("upgrade v2 was applied already (scheduled at height 1200); give the new upgrade another name", reason);
    }

    [Fact]
    public void Add_HeightOfAnotherEntry_IsRefused() =>
        Assert.Equal(
            "height 1200 is taken by upgrade v2 (failed); heights must be strictly increasing, one upgrade per height",
            Refused(Of(new ScheduledUpgrade(N("v2"), 1200, ScheduleStatus.Failed, "hook failed", T0)).Add(N("v3"), 1200, AppliedUpgrade.Genesis, T1)));

    [Theory]
    [InlineData(ScheduleStatus.Failed)]
    [InlineData(ScheduleStatus.RolledBack)]
    public void Add_AFailedOrRolledBackUpgradeAgain_ReplacesItAsPending(ScheduleStatus status)
    {
        // Arrange
        var schedule = Of(Pending("v1", 1000), new ScheduledUpgrade(N("v2"), 1200, status, "did not come up", T0), Pending("v3", 1500));

        // Act: moved past v3.
        var again = Done(schedule.Add(N("v2"), 1600, AppliedUpgrade.Genesis, T1));

        // Assert
        Assert.Equal([Pending("v1", 1000), Pending("v3", 1500), new ScheduledUpgrade(N("v2"), 1600, ScheduleStatus.Pending, null, T1)], again.Entries);
    }

    [Fact]
    public void Add_AFailedUpgradeAgainAtItsOwnHeight_IsAllowed() =>
        Assert.Equal(
            [new ScheduledUpgrade(N("v2"), 1200, ScheduleStatus.Pending, null, T1)],
            Done(Of(new ScheduledUpgrade(N("v2"), 1200, ScheduleStatus.Failed, "x", T0)).Add(N("v2"), 1200, AppliedUpgrade.Genesis, T1)).Entries);

    [Fact]
    public void Add_Refused_LeavesTheScheduleAsItWas()
    {
        var schedule = Of(Pending("v2", 1200));
        var copy = Of(Pending("v2", 1200));

        Refused(schedule.Add(N("v3"), 1200, AppliedUpgrade.Genesis, T1));
        Done(schedule.Add(N("v3"), 1300, AppliedUpgrade.Genesis, T1));

        Assert.Equal(copy, schedule);
    }

    [Fact]
    public void Cancel_PresentEntry_RemovesOnlyIt() =>
        Assert.Equal(Of(Pending("v2", 1200), Pending("v4", 1400)), Done(Of(Pending("v2", 1200), Pending("v3", 1300), Pending("v4", 1400)).Cancel(N("v3"))));

    [Fact]
    public void Cancel_AppliedEntry_RemovesIt() =>
        Assert.Equal(UpgradeSchedule.Empty, Done(Of(new ScheduledUpgrade(N("v2"), 1200, ScheduleStatus.Applied, null, T0)).Cancel(N("v2"))));

    [Fact]
    public void Cancel_AbsentName_IsRefused() =>
        Assert.Equal("no upgrade named v9 is scheduled", Refused(Of(Pending("v2", 1200)).Cancel(N("v9"))));

    [Theory]
    [InlineData(ScheduleStatus.Applied, null)]
    [InlineData(ScheduleStatus.Failed, "pre-upgrade hook exited with 1")]
    [InlineData(ScheduleStatus.RolledBack, "v2 exited with 1 within 30 s; genesis put back")]
    public void WithResult_RecordsStatusReasonAndTime(ScheduleStatus status, string? reason)
    {
        var schedule = Done(Of(Pending("v2", 1200), Pending("v3", 1300)).WithResult(N("v2"), status, reason, T1));

        Assert.Equal([new ScheduledUpgrade(N("v2"), 1200, status, reason, T1), Pending("v3", 1300)], schedule.Entries);
    }

    [Fact]
    public void WithResult_AbsentName_IsRefused() =>
        Assert.Equal("no upgrade named v9 is scheduled", Refused(Of(Pending("v2", 1200)).WithResult(N("v9"), ScheduleStatus.Applied, null, T1)));

    [Fact]
    public void Recording_UpgradeFromTheTrigger_AddsAnEntryInHeightOrder()
    {
        var schedule = Of(Pending("v2", 100), Pending("v4", 300));

        var recorded = Done(schedule.Recording(N("v3"), 200, ScheduleStatus.RolledBack, "not ready", T1));

        Assert.Equal(["v2", "v3", "v4"], recorded.Entries.Select(e => e.Name.Value));
        Assert.Equal(new ScheduledUpgrade(N("v3"), 200, ScheduleStatus.RolledBack, "not ready", T1), recorded.Entries[1]);
    }

    [Fact]
    public void Recording_ScheduledUpgrade_KeepsItsHeightAndSetsTheResult()
    {
        var schedule = Of(Pending("v2", 100));

        var recorded = Done(schedule.Recording(N("v2"), 999, ScheduleStatus.Applied, null, T1));

        Assert.Equal(new ScheduledUpgrade(N("v2"), 100, ScheduleStatus.Applied, null, T1), Assert.Single(recorded.Entries));
    }

    [Theory]
    [InlineData(ScheduleStatus.Failed, null)]
    [InlineData(ScheduleStatus.RolledBack, "  ")]
    public void WithResult_FailureWithoutReason_Throws(ScheduleStatus status, string? reason) =>
        Assert.Throws<ArgumentException>(() => Of(Pending("v2", 1200)).WithResult(N("v2"), status, reason, T1));

    [Fact]
    public void Pending_IsThePendingEntriesAboveTheAppliedOne()
    {
        var schedule = Of(
            new ScheduledUpgrade(N("v1"), 1000, ScheduleStatus.Applied, null, T0),
            Pending("v1b", 1050),
            new ScheduledUpgrade(N("v2"), 1200, ScheduleStatus.Failed, "x", T0),
            Pending("v3", 1300),
            new ScheduledUpgrade(N("v4"), 1400, ScheduleStatus.RolledBack, "y", T0),
            Pending("v5", 1500));

        Assert.Equal([Pending("v3", 1300), Pending("v5", 1500)], schedule.Pending(new AppliedUpgrade(N("v1"), 1100)));
        Assert.Equal([Pending("v1b", 1050), Pending("v3", 1300), Pending("v5", 1500)], schedule.Pending(AppliedUpgrade.Genesis));
        Assert.Empty(schedule.Pending(new AppliedUpgrade(N("v5"), 1500)));
    }

    [Fact]
    public void Pending_ExcludesTheAppliedUpgradesOwnName() =>
        Assert.Empty(Of(Pending("v2", 1200)).Pending(new AppliedUpgrade(N("v2"), 5)));

    [Fact]
    public void Equality_IsByEntries()
    {
        var first = Of(Pending("v2", 1200), Pending("v3", 1300));
        var second = Done(Done(UpgradeSchedule.Empty.Add(N("v3"), 1300, AppliedUpgrade.Genesis, T0)).Add(N("v2"), 1200, AppliedUpgrade.Genesis, T0));

        Assert.Equal(first, second);
        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, Of(Pending("v2", 1200)));
        Assert.NotEqual(first, Of(Pending("v2", 1200), new ScheduledUpgrade(N("v3"), 1300, ScheduleStatus.Pending, null, T1)));
        Assert.Equal(UpgradeSchedule.Empty, Of());
    }

    [Theory]
    [InlineData(0, "upgrades[0] (v2): height must be greater than 0, not 0")]
    [InlineData(-5, "upgrades[0] (v2): height must be greater than 0, not -5")]
    public void TryCreate_HeightNotPositive_IsRefused(long height, string expected)
    {
        Assert.False(UpgradeSchedule.TryCreate([Pending("v2", height)], out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryCreate_DuplicateName_IsRefused()
    {
        Assert.False(UpgradeSchedule.TryCreate([Pending("v2", 1), Pending("v3", 2), Pending("v2", 3)], out _, out var error));
        Assert.Equal("upgrades[2] (v2): the name is also the name of upgrades[0]; every upgrade is scheduled once", error);
    }

    [Fact]
    public void TryCreate_DecreasingHeights_AreRefused()
    {
        Assert.False(UpgradeSchedule.TryCreate([Pending("v2", 2), Pending("v3", 1)], out _, out var error));
        Assert.Equal("upgrades[1] (v3): height 1 is not above the height 2 of upgrades[0] (v2); heights must be strictly increasing", error);
    }

    [Fact]
    public void TryCreate_FailedWithoutReason_IsRefused()
    {
        Assert.False(UpgradeSchedule.TryCreate([new ScheduledUpgrade(N("v2"), 1, ScheduleStatus.Failed, null, null)], out _, out var error));
        Assert.Equal("upgrades[0] (v2): status failed needs a reason", error);
    }
}
