using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Tests.Fakes;
using static Wemixvisor.Core.Supervision.SupervisorEvent;
using static Wemixvisor.Core.Supervision.SupervisorPhase;

namespace Wemixvisor.Tests.Supervision;

public sealed class RunCountersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UpgradeInfo V2 = new(UpgradeName.Parse("v2"), 10, null, "");
    private static readonly TimerId Timer = new(1);
    private static readonly RunCounters Some = new(NodeStarts: 3, Restarts: 1, Upgrades: 1);

    public static TheoryData<string, SupervisorPhase, SupervisorEvent, bool, (int, int, int)> Rows => new()
    {
        // description, phase, event, DAEMON_RESTART_AFTER_UPGRADE, counters after Some (3, 1, 1)
        { "first launch: a start", new Booting(), new TriggerChecked(TriggerFile.Absent.Instance), true, (4, 1, 1) },
        { "launch after a backoff: a start and a restart", new BackingOff(NodeExit.Code(1), Timer), new TimerElapsed(Timer), true, (4, 2, 1) },
        { "switched and restarted: a start and an upgrade", Switching, new Switched(V2), true, (4, 1, 2) },
        { "switched without restart: an upgrade only", Switching, new Switched(V2), false, (3, 1, 2) },
        { "the pid arriving is not another start", new Running(NodeRun.Launched), new NodeStarted(42, T0), true, (3, 1, 1) },
        { "a crash counts nothing yet", new Running(new NodeRun(42, T0)), new NodeExited(42, NodeExit.Code(1), T0), true, (3, 1, 1) },
        { "an ignored event counts nothing", new Running(new NodeRun(42, T0)), new SignalReceived(NodeSignal.Hangup), true, (3, 1, 1) },
    };

    private static Upgrading Switching => new(V2, UpgradeStage.Switching, 0, null, true, false);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Next_Row(string description, SupervisorPhase phase, SupervisorEvent e, bool restartAfterUpgrade, (int NodeStarts, int Restarts, int Upgrades) expected)
    {
        var from = new SupervisorState(phase, AppliedUpgrade.Genesis, 0, Timer.Sequence);
        var decision = new Decider(new SupervisorPolicy { RestartAfterUpgrade = restartAfterUpgrade }).Decide(from, e);

        var next = RunCounters.Next(Some, new Transition(T0, e, from, decision));

        Assert.True(expected == (next.NodeStarts, next.Restarts, next.Upgrades), $"{description}: {next}");
    }

    [Fact]
    public void Fold_OverALife_TwoCrashesAndOneUpgrade_FourStartsTwoRestartsOneUpgrade()
    {
        // Arrange
        using var h = new SupervisorHarness();
        Lives.CrashTwiceThenUpgradeToV2(h);

        // Act
        var counters = h.Transitions.Aggregate(RunCounters.Zero, RunCounters.Next);

        // Assert
        Assert.Equal(new RunCounters(NodeStarts: 4, Restarts: 2, Upgrades: 1), counters);
    }
}
