using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Tests.Fakes;
using static Wemixvisor.Core.Supervision.SupervisorCommand;

namespace Wemixvisor.Tests.Supervision;

/// <summary>Height-scheduled upgrades in virtual time: a chain that makes a block a second, read over a fake RPC.</summary>
public sealed class ScheduledUpgradeTests : IDisposable
{
    private static readonly ChainPolicy Chain = new(SwitchMargin: 20, StaggerBlocks: 10, StallTimeout: TimeSpan.FromSeconds(30), ReadyTimeout: TimeSpan.FromMinutes(2));
    private readonly SupervisorHarness _h;

    public ScheduledUpgradeTests() : this(Chain) { }

    private ScheduledUpgradeTests(ChainPolicy chain)
    {
        _h = new SupervisorHarness(new SupervisorPolicy { PreflightRecheck = SupervisorHarness.Poll, Chain = chain });
        _h.Upgrades.Binaries.UnionWith(["v2", "v3"]);
    }

    public void Dispose() => _h.Dispose();

    private static string Address(int i) => "0x" + i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);

    private void Schedule(params (string Name, long Height, string Status)[] entries) =>
        _h.Files.Write(SupervisorHarness.SchedulePath,
            $$"""{"version":1,"upgrades":[{{string.Join(",", entries.Select(e => $$"""{"name":"{{e.Name}}","height":{{e.Height}},"status":"{{e.Status}}"{{(e.Status == "pending" ? "" : ",\"reason\":\"x\"")}}}"""))}}]}""");

    /// <summary>The chain makes <paramref name="blocks"/> blocks, one a second.</summary>
    private void Blocks(int blocks)
    {
        for (var i = 0; i < blocks; i++)
        {
            _h.Rpc.Head++;
            _h.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The head at which the supervisor decided to switch, or null when it did not.</summary>
    private long? SwitchedAtHead() => _h.Commands<ReportSwitchDue>().FirstOrDefault()?.Head;

    private void ValidatorOf(int index, int count)
    {
        _h.Rpc.Address = Address(index);
        _h.Rpc.Validators = Enumerable.Range(0, count).Select(Address).ToList();
    }

    [Fact]
    public void NonValidator_SwitchesExactlyAtHeightMinusMargin_AndV2BecomesReadyWhenTheHeadMoves()
    {
        // Arrange
        Schedule(("v2", 1000, "pending"));
        _h.Rpc.Head = 900;
        _h.Start();

        // Act
        Blocks(79);
        var beforeSwitchPoint = SwitchedAtHead();
        Blocks(1);
        _h.AdvanceUntil(() => _h.Upgrades.Current == "v2" && _h.Launcher.Current?.Binary == "v2", TimeSpan.FromSeconds(10), "v2 runs");
        Blocks(2);

        // Assert
        Assert.Null(beforeSwitchPoint);
        Assert.Equal(980, SwitchedAtHead());
        var plan = Assert.Single(_h.Commands<ReportSwitchPlan>());
        Assert.Equal((0, 980L), (plan.Plan.Slot.Slot, plan.Plan.SwitchPoint));
        Assert.Equal(["v2 applied"], _h.Upgrades.Results);
        Assert.Single(_h.Commands<ReportReady>());
    }

    [Theory]
    [InlineData(0, 4, 950)]
    [InlineData(2, 4, 970)]
    [InlineData(3, 4, 980)]
    [InlineData(0, 7, 920)]
    [InlineData(3, 7, 950)]
    [InlineData(6, 7, 980)]
    [InlineData(0, 21, 780)]
    [InlineData(10, 21, 880)]
    [InlineData(20, 21, 980)]
    public void Validator_SwitchesAtItsOwnSlotsPoint(int index, int count, long switchPoint)
    {
        Schedule(("v2", 1000, "pending"));
        ValidatorOf(index, count);
        _h.Rpc.Head = switchPoint - 5;
        _h.Start();

        Blocks(4);
        Assert.Null(SwitchedAtHead());
        Blocks(1);

        Assert.Equal(switchPoint, SwitchedAtHead());
    }

    [Fact]
    public void RpcDownForMinutes_NothingSwitches_ThenSwitchesAsSoonAsItAnswers()
    {
        Schedule(("v2", 1000, "pending"));
        _h.Rpc.Head = 970;
        _h.Start();
        _h.Rpc.Down = true;

        Blocks(300);
        var whileDown = (SwitchedAtHead(), _h.Upgrades.Current, _h.Launcher.Launched.Count);
        _h.Rpc.Down = false;
        _h.Rpc.Head = 990;
        _h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(((long?)null, "genesis", 1), whileDown);
        Assert.Equal(990, SwitchedAtHead());
    }

    [Fact]
    public void HeadGoesBackwards_IsFollowed_SwitchHappensWhenItComesBackToTheSwitchPoint()
    {
        Schedule(("v2", 1000, "pending"));
        _h.Rpc.Head = 975;
        _h.Start();
        _h.Advance(TimeSpan.FromSeconds(1));

        _h.Rpc.Head = 960;
        Blocks(19);
        var afterRewind = SwitchedAtHead();
        Blocks(1);

        Assert.Null(afterRewind);
        Assert.Equal(980, SwitchedAtHead());
    }

    [Fact]
    public void StallJustBeforeTheSwitchPoint_SwitchesAfterTheStallTimeout()
    {
        using var h = new ScheduledUpgradeTests(Chain with { SwitchMargin = 0 });
        h.Schedule(("v2", 1000, "pending"));
        h._h.Rpc.Head = 999;
        h._h.Start();

        h._h.Advance(TimeSpan.FromSeconds(29));
        var before = h.SwitchedAtHead();
        h._h.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(before);
        Assert.Equal(SwitchReason.Stalled, Assert.Single(h._h.Commands<ReportSwitchDue>()).Reason);
    }

    [Fact]
    public void StartedAfterTheHeight_SwitchesAtOnceAsLate()
    {
        Schedule(("v2", 1000, "pending"));
        _h.Rpc.Head = 1005;
        _h.Start();

        _h.AdvanceUntil(() => _h.Upgrades.Current == "v2", TimeSpan.FromSeconds(10), "v2 switched");

        Assert.Equal(SwitchReason.Late, Assert.Single(_h.Commands<ReportSwitchDue>()).Reason);
    }

    [Fact]
    public void ScheduleEditedWhileRunning_NewEntryIsFollowed_CancelledOneIsNot()
    {
        _h.Rpc.Head = 900;
        _h.Start();
        Blocks(5);
        Schedule(("v3", 1000, "pending"));
        Blocks(5);
        Schedule(("v2", 950, "pending"));

        Blocks(40);

        Assert.Equal("v2", _h.Upgrades.Current);
        Assert.Equal(930, SwitchedAtHead());
    }

    [Fact]
    public void ScheduleRewrittenCorrupt_ReportedOnce_LastValidScheduleStaysInForce()
    {
        Schedule(("v2", 1000, "pending"));
        _h.Rpc.Head = 950;
        _h.Start();
        Blocks(2);

        _h.Files.Write(SupervisorHarness.SchedulePath, "{\"version\":1,\"upgrades\":[");
        Blocks(40);

        Assert.Single(_h.Transitions, t => t.Event is SupervisorEvent.ScheduleObserved { File: Core.Schedule.ScheduleFile.Invalid });
        Assert.Equal(980, SwitchedAtHead());
        Assert.Equal("v2", _h.Upgrades.Current);
    }

    [Fact]
    public void TwoScheduledUpgradesInARow_BothApplied()
    {
        Schedule(("v2", 1000, "pending"), ("v3", 1100, "pending"));
        _h.Rpc.Head = 970;
        _h.Start();

        Blocks(130);

        Assert.Equal("v3", _h.Upgrades.Current);
        Assert.Equal([980L, 1080L], _h.Commands<ReportSwitchDue>().Select(d => d.Head));
        Assert.Equal(["v2 applied", "v3 applied"], _h.Upgrades.Results);
    }

    [Fact]
    public void NewBinaryNeverReadyBeforeTheHeight_RolledBack_DataRestored_GenesisRunsAgain_NotRetried()
    {
        // Arrange: margin far larger than the ready timeout, so the rollback happens before the height.
        using var h = new ScheduledUpgradeTests(Chain with { SwitchMargin = 200 });
        h.Schedule(("v2", 1000, "pending"));
        h._h.Rpc.Head = 799;
        h._h.Start();
        h.Blocks(1);
        h._h.AdvanceUntil(() => h._h.Launcher.Current?.Binary == "v2", TimeSpan.FromSeconds(10), "v2 runs");

        // Act: v2 never moves the head (the chain is frozen at 800 for this node).
        h._h.Advance(TimeSpan.FromMinutes(3));

        // Assert
        Assert.Equal("genesis", h._h.Upgrades.Current);
        Assert.Equal("genesis", h._h.Launcher.Current?.Binary);
        Assert.Contains(h._h.Upgrades.Log, entry => entry.What == "Restore v2");
        var result = Assert.Single(h._h.Upgrades.Results);
        Assert.StartsWith("v2 rolled_back: not ready within 00:02:00", result, StringComparison.Ordinal);
        h.Blocks(10);
        Assert.Single(h._h.Commands<ReportSwitchDue>());
    }

    [Fact]
    public void NewBinaryNotReadyAtOrPastTheHeight_KeptNotRolledBack_FailureRecorded()
    {
        // Arrange: started late, past the height; the new binary never moves the head.
        Schedule(("v2", 1000, "pending"));
        _h.Rpc.Head = 1005;
        _h.Start();
        _h.AdvanceUntil(() => _h.Launcher.Current?.Binary == "v2", TimeSpan.FromSeconds(10), "v2 runs");

        // Act
        _h.Advance(TimeSpan.FromMinutes(3));

        // Assert
        Assert.Equal("v2", _h.Upgrades.Current);
        Assert.Equal("v2", _h.Launcher.Current?.Binary);
        Assert.DoesNotContain(_h.Upgrades.Log, entry => entry.What.StartsWith("SwitchBack", StringComparison.Ordinal));
        Assert.StartsWith("v2 failed: not ready within", Assert.Single(_h.Upgrades.Results), StringComparison.Ordinal);
    }

    [Fact]
    public void NewBinaryExitsBeforeReadyBeforeTheHeight_RolledBackAtOnce()
    {
        Schedule(("v2", 1000, "pending"));
        _h.Rpc.Head = 979;
        _h.Start();
        Blocks(1);
        _h.AdvanceUntil(() => _h.Launcher.Current?.Binary == "v2", TimeSpan.FromSeconds(10), "v2 runs");

        _h.Launcher.Current!.Exit(Core.Ports.NodeExit.Code(2));
        _h.AdvanceUntil(() => _h.Launcher.Current?.Binary == "genesis", TimeSpan.FromSeconds(10), "genesis runs again");

        Assert.Equal("genesis", _h.Upgrades.Current);
        Assert.StartsWith("v2 rolled_back: the node exited (exit code 2) before it was ready", Assert.Single(_h.Upgrades.Results), StringComparison.Ordinal);
    }

    [Fact]
    public void SwitchedBinary_ProbationKeptOnDiskBeforeItStarts_RemovedWhenReady()
    {
        Schedule(("v2", 1000, "pending"));
        _h.Rpc.Head = 979;
        _h.Start();
        Blocks(1);
        _h.AdvanceUntil(() => _h.Launcher.Current?.Binary == "v2", TimeSpan.FromSeconds(10), "v2 runs");
        var kept = _h.Upgrades.Probation;

        Blocks(2);

        Assert.NotNull(kept);
        Assert.Equal(("v2", 1000L), (kept.Upgrade.Name.Value, kept.Upgrade.Height));
        Assert.Equal(Core.Upgrades.AppliedUpgrade.Genesis, kept.Previous);
        Assert.True(kept is { Scheduled: true, ByRpc: true, Baseline: 980 }, kept.ToString());
        Assert.Single(_h.Commands<ReportReady>());
        Assert.Null(_h.Upgrades.Probation);
    }

    /// <summary>What a wemixvisor killed during v2's probation leaves: current at v2, the probation on disk.</summary>
    private void RestartedDuringTheProbationOfV2(long head)
    {
        Schedule(("v2", 1000, "pending"));
        _h.Upgrades.Current = "v2";
        _h.Rpc.Head = head;
        var v2 = new Core.Upgrades.UpgradeInfo(Core.Layout.UpgradeName.Parse("v2"), 1000, null, "");
        var probation = new ProbationRecord(v2, Core.Upgrades.AppliedUpgrade.Genesis, BackupTaken: true, Scheduled: true, ByRpc: true, Baseline: 900);
        _h.Upgrades.Keep(probation);
        _h.Start(Core.Upgrades.AppliedUpgrade.From(v2), probation);
        _h.AdvanceUntil(() => _h.Launcher.Current?.Binary == "v2", TimeSpan.FromSeconds(10), "v2 runs");
    }

    [Fact]
    public void RestartedDuringTheProbation_V2NeverReadyBeforeTheHeight_RolledBackAfterTheReadyTimeout()
    {
        RestartedDuringTheProbationOfV2(head: 900);

        _h.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal("genesis", _h.Upgrades.Current);
        Assert.Equal("genesis", _h.Launcher.Current?.Binary);
        Assert.Contains(_h.Upgrades.Log, entry => entry.What == "Restore v2");
        Assert.StartsWith("v2 rolled_back: not ready within 00:02:00", Assert.Single(_h.Upgrades.Results), StringComparison.Ordinal);
        Assert.Null(_h.Upgrades.Probation);
    }

    [Fact]
    public void RestartedDuringTheProbation_V2ExitsBeforeReady_RolledBackAtOnce()
    {
        RestartedDuringTheProbationOfV2(head: 900);

        _h.Launcher.Current!.Exit(Core.Ports.NodeExit.Code(3));
        _h.AdvanceUntil(() => _h.Launcher.Current?.Binary == "genesis", TimeSpan.FromSeconds(10), "genesis runs again");

        Assert.Equal("genesis", _h.Upgrades.Current);
        Assert.StartsWith("v2 rolled_back: the node exited (exit code 3) before it was ready", Assert.Single(_h.Upgrades.Results), StringComparison.Ordinal);
    }

    [Fact]
    public void RestartedDuringTheProbation_HeadMovesPastTheBaseline_ReadyAndApplied()
    {
        RestartedDuringTheProbationOfV2(head: 905);

        Blocks(1);

        Assert.Single(_h.Commands<ReportReady>());
        Assert.Equal(["v2 applied"], _h.Upgrades.Results);
        Assert.Equal("v2", _h.Upgrades.Current);
        Assert.Null(_h.Upgrades.Probation);
    }

    /// <summary>v4 (no binary) comes due at head 980 and is blocked on its preflight while genesis runs on.</summary>
    private void BlockedOnTheMissingBinaryOfV4()
    {
        Schedule(("v4", 1000, "pending"));
        _h.Rpc.Head = 979;
        _h.Start();
        Blocks(1);
        _h.AdvanceUntil(() => _h.Commands<ReportBlocked>().Any(), TimeSpan.FromSeconds(10), "v4 blocked");
    }

    [Fact]
    public void CancelledWhileBlockedOnItsPreflight_GivenUp_GenesisRunsOnUntouched_NoMoreRechecks()
    {
        BlockedOnTheMissingBinaryOfV4();
        var node = _h.Launcher.Current;

        Schedule();
        _h.Advance(TimeSpan.FromSeconds(1));
        var rechecks = _h.Commands<RunPreflight>().Count();
        Blocks(30);

        Assert.Equal("v4", Assert.Single(_h.Commands<ReportUnscheduled>()).Upgrade.Name.Value);
        Assert.Equal(rechecks, _h.Commands<RunPreflight>().Count());
        Assert.IsType<Core.Supervision.SupervisorPhase.Running>(_h.Transitions[^1].Decision.State.Phase);
        Assert.NotNull(node);
        Assert.Same(node, _h.Launcher.Current);
        Assert.Single(_h.Launcher.Launched);
        Assert.Empty(_h.Upgrades.Results);
    }

    [Fact]
    public void BlockedThenAddedAgainAtALaterHeight_OldPlanGivenUp_NewHeightFollowed()
    {
        BlockedOnTheMissingBinaryOfV4();

        Schedule(("v4", 1100, "pending"));
        _h.Upgrades.Binaries.Add("v4");
        _h.Advance(TimeSpan.FromSeconds(1));
        Blocks(99);
        var beforeNewSwitchPoint = _h.Upgrades.Current;
        Blocks(1);
        _h.AdvanceUntil(() => _h.Upgrades.Current == "v4", TimeSpan.FromSeconds(10), "v4 switched to");

        Assert.Single(_h.Commands<ReportUnscheduled>());
        Assert.Equal("genesis", beforeNewSwitchPoint);
        Assert.Equal([980L, 1080L], _h.Commands<ReportSwitchDue>().Select(d => d.Head));
    }

    [Fact]
    public void ScheduleEditedWhileBlocked_OtherEntryAdded_StaysBlockedOnTheSameUpgrade()
    {
        BlockedOnTheMissingBinaryOfV4();

        Schedule(("v4", 1000, "pending"), ("v5", 2000, "pending"));
        _h.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_h.Commands<ReportUnscheduled>());
        Assert.IsType<Core.Supervision.SupervisorPhase.Blocked>(_h.Transitions[^1].Decision.State.Phase);
    }
}
