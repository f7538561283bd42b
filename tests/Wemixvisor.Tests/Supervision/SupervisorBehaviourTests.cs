using System.Reactive.Concurrency;
using Wemixvisor.Core;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.Tests.Supervision;

/// <summary>What an operator sees of the supervisor, in virtual time: launches, signals, exit codes, the switch.</summary>
public sealed class SupervisorBehaviourTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void CrashLoop_BackoffIsExactlyOneTwoFourSecondsAndCapsAtOneMinute()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { MaxRestarts = 0 });
        h.Launcher.OnLaunch = node => h.Scheduler.Schedule(TimeSpan.FromMilliseconds(1), () => node.Exit(NodeExit.Code(1)));
        h.Start();
        h.Advance(TimeSpan.FromMinutes(10));

        var gaps = h.Launcher.Launched.Zip(h.Launcher.Launched.Skip(1), (a, b) => b.StartedAt - a.StartedAt)
            .Select(gap => Math.Round((gap - Ms).TotalSeconds, 2)).Take(9).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], gaps);
        Assert.Null(h.ExitCode);
    }

    [Fact]
    public void CrashLoop_GivesUpAfterMaxRestartsWithTheNodesCode()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { MaxRestarts = 2 });
        h.Launcher.OnLaunch = node => h.Scheduler.Schedule(TimeSpan.FromMilliseconds(1), () => node.Exit(NodeExit.Code(7)));
        h.Start();
        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(3, h.Launcher.Launched.Count);
        Assert.Equal(7, h.ExitCode);
        Assert.True(h.Completed);
    }

    [Fact]
    public void CrashAfterTenMinutesUp_ResetsTheFailureCount()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { MaxRestarts = 2 });
        var lives = new Queue<TimeSpan>([Ms, Ms, TimeSpan.FromMinutes(10), Ms, Ms, Ms]);
        h.Launcher.OnLaunch = node => h.Scheduler.Schedule(lives.Dequeue(), () => node.Exit(NodeExit.Code(1)));
        h.Start();
        h.Advance(TimeSpan.FromMinutes(30));

        // Two quick failures, then a run of ten minutes resets the count: it and the next two failures give up.
        Assert.Equal(5, h.Launcher.Launched.Count);
        Assert.Equal(1, h.ExitCode);
        var afterLongRun = h.Launcher.Launched[3].StartedAt - h.Launcher.Launched[2].ExitedAt!.Value;
        Assert.InRange(afterLongRun, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + Ms);
    }

    [Fact]
    public void RestartOnFailureFalse_ExitsWithTheNodesCodeAtOnce()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { RestartOnFailure = false });
        h.Launcher.OnLaunch = node => h.Scheduler.Schedule(TimeSpan.FromSeconds(3), () => node.Exit(NodeExit.Signal(11)));
        h.Start();
        h.Advance(TimeSpan.FromSeconds(4));

        Assert.Single(h.Launcher.Launched);
        Assert.Equal(139, h.ExitCode);
    }

    [Fact]
    public void NodeExitsZero_WemixvisorExitsZero()
    {
        using var h = new SupervisorHarness();
        h.Launcher.OnLaunch = node => h.Scheduler.Schedule(TimeSpan.FromSeconds(3), () => node.Exit(NodeExit.Code(0)));
        h.Start();
        h.Advance(TimeSpan.FromSeconds(4));

        Assert.Single(h.Launcher.Launched);
        Assert.Equal(0, h.ExitCode);
    }

    [Fact]
    public void LaunchFailure_IsRetriedWithBackoffAndReportedAs127()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { MaxRestarts = 1 });
        h.Launcher.FailWith = "cannot execute current/bin/node: Permission denied";
        h.Start();
        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(ExitCodes.NodeCannotExecute, h.ExitCode);
    }

    [Theory]
    [InlineData(NodeSignal.Terminate)]
    [InlineData(NodeSignal.Interrupt)]
    [InlineData(NodeSignal.Quit)]
    public void StopSignal_IsForwardedAsTheSameSignal_AndTheNodesCodeIsReturned(NodeSignal signal)
    {
        using var h = new SupervisorHarness();
        h.Launcher.Behaviour = new NodeBehaviour { ExitCodeOnTerm = 0, DiesOnQuit = true };
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        var node = h.Node;

        h.Signal(signal);
        h.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(signal, node.Received[0].Signal);
        Assert.Equal(signal == NodeSignal.Quit ? 2 : 0, h.ExitCode);
        Assert.Single(h.Launcher.Launched);
    }

    [Fact]
    public void RepeatedSignal_IsForwardedAgain()
    {
        using var h = new SupervisorHarness();
        h.Launcher.Behaviour = NodeBehaviour.IgnoresTerm;
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        var node = h.Node;

        h.Signal(NodeSignal.Interrupt);
        h.Advance(TimeSpan.FromSeconds(1));
        h.Signal(NodeSignal.Interrupt);
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([NodeSignal.Interrupt, NodeSignal.Interrupt], node.Received.Select(r => r.Signal));
    }

    [Fact]
    public void Hangup_IsNotForwarded_AndSupervisionContinues()
    {
        using var h = new SupervisorHarness();
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        var node = h.Node;

        h.Signal(NodeSignal.Hangup);
        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(node.Received);
        Assert.True(node.IsRunning);
        Assert.Null(h.ExitCode);
        Assert.Contains(h.Transitions, s => s.Event is SupervisorEvent.SignalReceived { Signal: NodeSignal.Hangup } && s.Decision.Ignored);
    }

    [Fact]
    public void GraceZero_KillsAtOnce()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { ShutdownGrace = TimeSpan.Zero });
        h.Launcher.Behaviour = NodeBehaviour.IgnoresTermAndQuit;
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        var node = h.Node;

        h.Signal(NodeSignal.Terminate);
        h.Advance(Ms);

        Assert.Equal([NodeSignal.Terminate, NodeSignal.Kill], node.Received.Select(r => r.Signal));
        Assert.Equal(137, h.ExitCode);
    }

    [Fact]
    public void SignalDuringBackoff_ExitsAtOnceWithoutRestart()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { RestartBackoff = TimeSpan.FromSeconds(30) });
        h.Launcher.OnLaunch = node => h.Scheduler.Schedule(Ms, () => node.Exit(NodeExit.Code(1)));
        h.Start();
        h.Advance(TimeSpan.FromSeconds(5));

        h.Signal(NodeSignal.Terminate);
        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(h.Launcher.Launched);
        Assert.Equal(0, h.ExitCode);
    }

    [Fact]
    public void SignalDuringRestartDelay_ExitsAtOnceBeforeAnyJob()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { RestartDelay = TimeSpan.FromSeconds(10) });
        h.Upgrades.Binaries.Add("v2");
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromSeconds(2));
        Assert.IsType<SupervisorPhase.Upgrading>(h.Transitions[^1].To.Phase);

        h.Signal(NodeSignal.Terminate);
        h.Advance(Ms);

        Assert.Equal(0, h.ExitCode);
        Assert.Empty(h.Upgrades.Log);
        Assert.Equal("genesis", h.Upgrades.Current);
    }

    [Fact]
    public void RestartDelay_JobsStartExactlyAfterIt()
    {
        var delay = TimeSpan.FromSeconds(10);
        using var h = new SupervisorHarness(new SupervisorPolicy { RestartDelay = delay });
        h.Upgrades.Binaries.Add("v2");
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.WriteTrigger("v2", 10);
        h.AdvanceUntil(() => h.Launcher.Launched[0].ExitedWith is not null, TimeSpan.FromSeconds(2), "genesis stops");
        var stoppedAt = h.Launcher.Launched[0].ExitedAt!.Value;

        h.AdvanceUntil(() => h.Upgrades.Log.Count > 0, TimeSpan.FromSeconds(20), "first job");

        var firstJobStarted = h.Upgrades.Log[0].At - h.Upgrades.JobDuration;
        Assert.InRange(firstJobStarted - stoppedAt, delay, delay + Ms);
    }

    [Fact]
    public void SignalDuringAJob_StopsAtTheNextSafePoint()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.Upgrades.JobDuration = TimeSpan.FromSeconds(10);
        h.Start();
        h.WriteTrigger("v2", 10);
        h.AdvanceUntil(() => h.Transitions[^1].To.Phase is SupervisorPhase.Upgrading { Stage: UpgradeStage.Backup }, TimeSpan.FromSeconds(5), "backup starts");

        h.Signal(NodeSignal.Terminate);
        h.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(h.ExitCode);
        h.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(0, h.ExitCode);
        Assert.Equal(["Backup v2: Succeeded"], h.Upgrades.Log.Select(l => l.What));
        Assert.Equal("genesis", h.Upgrades.Current);
    }

    [Fact]
    public void SignalWhileSwitching_NeverInterruptsTheSwitch_ThenExits()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.Start();
        h.WriteTrigger("v2", 10);
        h.AdvanceUntil(() => h.Transitions[^1].To.Phase is SupervisorPhase.Upgrading { Stage: UpgradeStage.Switching }, TimeSpan.FromSeconds(5), "the switch");

        h.Signal(NodeSignal.Terminate);
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("v2", h.Upgrades.Current);
        Assert.Equal(0, h.ExitCode);
        Assert.Single(h.Launcher.Launched);
    }

    [Fact]
    public void SignalWhileWaitingForBinary_WithoutNode_ExitsAtOnce()
    {
        using var h = new SupervisorHarness();
        h.WriteTrigger("v2", 10);
        h.Start();
        h.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(h.Launcher.Launched);

        h.Signal(NodeSignal.Terminate);
        h.Advance(Ms);

        Assert.Equal(0, h.ExitCode);
    }

    [Fact]
    public void MissingBinary_NodeKeepsRunning_ReportedOnce_ProceedsTheMomentItAppears()
    {
        using var h = new SupervisorHarness();
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        var genesis = h.Node;
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(genesis.Received);
        Assert.True(genesis.IsRunning);
        var report = Assert.Single(h.Commands<SupervisorCommand.ReportBlocked>());
        Assert.Contains("upgrades/v2/bin/node", report.Problem);

        h.Upgrades.Binaries.Add("v2");
        var addedAt = h.Scheduler.Now;
        h.Advance(SupervisorHarness.Poll + Ms);

        Assert.Equal(NodeSignal.Terminate, Assert.Single(genesis.Received).Signal);
        Assert.True(genesis.Received[0].At - addedAt <= SupervisorHarness.Poll + Ms);
        h.AdvanceUntil(() => h.Upgrades.Current == "v2" && h.Launcher.Current?.Binary == "v2", TimeSpan.FromSeconds(5), "upgrade");
    }

    [Fact]
    public void PendingUpgradeAtStart_IsAppliedBeforeAnythingRuns()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.WriteTrigger("v2", 10);
        h.Start();
        h.Advance(TimeSpan.FromSeconds(2));

        var node = Assert.Single(h.Launcher.Launched);
        Assert.Equal("v2", node.Binary);
    }

    [Fact]
    public void AppliedUpgrade_IsNotAppliedTwice()
    {
        using var h = new SupervisorHarness();
        h.WriteTrigger("v2", 10);
        h.Start(new AppliedUpgrade(UpgradeName.Parse("v2"), 10));
        h.Advance(TimeSpan.FromMinutes(5));

        var node = Assert.Single(h.Launcher.Launched);
        Assert.Empty(node.Received);
        Assert.Empty(h.Upgrades.Log);
    }

    [Fact]
    public void OlderTrigger_NeverDowngrades()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v1");
        h.WriteTrigger("v1", 5);
        h.Start(new AppliedUpgrade(UpgradeName.Parse("v2"), 10));
        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(h.Upgrades.Log);
        Assert.Empty(Assert.Single(h.Launcher.Launched).Received);
    }

    [Fact]
    public void RestartAfterUpgradeFalse_ExitsZeroAfterTheSwitch_WithoutStartingTheNewBinary()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { RestartAfterUpgrade = false });
        h.Upgrades.Binaries.Add("v2");
        h.Start();
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("v2", h.Upgrades.Current);
        Assert.Single(h.Launcher.Launched);
        Assert.Equal(0, h.ExitCode);
        Assert.Equal(1, h.Upgrades.Prunes);
    }

    [Fact]
    public void NodeHaltsAtUpgradeHeight_BeforeThePollSeesTheFile_StillUpgrades()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.Launcher.OnLaunch = node =>
        {
            if (node.Binary == "genesis")
            {
                h.Scheduler.Schedule(TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(50), () =>
                {
                    h.WriteTrigger("v2", 10);
                    node.Exit(NodeExit.Code(1));
                });
            }
        };
        h.Start();
        h.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(["genesis", "v2"], h.Launcher.Launched.Select(n => n.Binary));
        Assert.Equal(0, h.Transitions.Count(s => s.To.Phase is SupervisorPhase.BackingOff));
    }

    [Fact]
    public void IncompleteThenComplete_OneUpgrade()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.Files.Write(SupervisorHarness.TriggerPath, """{"name":"v2","hei""");
        h.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("genesis", h.Upgrades.Current);
        Assert.Contains(h.Transitions, s => s.Event is SupervisorEvent.TriggerStillIncomplete);

        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("v2", h.Upgrades.Current);
        Assert.Single(h.Upgrades.Markers);
    }

    [Fact]
    public void UnsafeName_IsRejected_NodeKeepsRunning()
    {
        using var h = new SupervisorHarness();
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.WriteTrigger("../escape", 10);
        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(h.Node.Received);
        var rejected = Assert.Single(h.Transitions, s => s.Event is SupervisorEvent.TriggerObserved);
        Assert.Contains("\"name\"", ((TriggerFile.Invalid)((SupervisorEvent.TriggerObserved)rejected.Event).File).Reason);
    }

    [Fact]
    public void HookFailsAfterBackup_DataIsRestored_ExitCode3_CurrentUnchanged()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.Upgrades.Outcome = (job, _) => job == UpgradeJob.UpgradePreUpgrade
            ? new JobOutcome.Failed("exit code 5")
            : new JobOutcome.Succeeded("ok");
        h.Start();
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(ExitCodes.UpgradeFailed, h.ExitCode);
        Assert.Equal("genesis", h.Upgrades.Current);
        Assert.Equal("Restore v2", h.Upgrades.Log[^1].What);
    }

    [Fact]
    public void HookFailsWithoutBackup_ExitCode3_NoRestore()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.Upgrades.Outcome = (job, _) => job switch
        {
            UpgradeJob.Backup => new JobOutcome.Skipped("UNSAFE_SKIP_BACKUP=true"),
            UpgradeJob.CustomPreUpgrade => new JobOutcome.Failed("exit code 1"),
            _ => new JobOutcome.Succeeded("ok"),
        };
        h.Start();
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(ExitCodes.UpgradeFailed, h.ExitCode);
        Assert.DoesNotContain(h.Upgrades.Log, l => l.What.StartsWith("Restore", StringComparison.Ordinal));
    }

    [Fact]
    public void PreUpgradeRetry_WaitsOneTwoFourSeconds_ThenSucceeds()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { PreUpgradeMaxRetries = 3 });
        h.Upgrades.Binaries.Add("v2");
        var attempts = 0;
        h.Upgrades.Outcome = (job, _) => job == UpgradeJob.BinaryPreUpgrade && ++attempts <= 3
            ? new JobOutcome.RetryRequested("exit code 31")
            : new JobOutcome.Succeeded("ok");
        h.Start();
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromSeconds(15));

        var runs = h.Upgrades.Log.Where(l => l.What.StartsWith("BinaryPreUpgrade", StringComparison.Ordinal)).Select(l => l.At).ToArray();
        var gaps = runs.Zip(runs.Skip(1), (a, b) => Math.Round((b - a - h.Upgrades.JobDuration).TotalSeconds, 2));
        Assert.Equal([1, 2, 4], gaps);
        Assert.Equal("v2", h.Upgrades.Current);
    }

    [Fact]
    public void PreUpgradeRetry_NoRetriesLeft_Fails()
    {
        using var h = new SupervisorHarness(new SupervisorPolicy { PreUpgradeMaxRetries = 1 });
        h.Upgrades.Binaries.Add("v2");
        h.Upgrades.Outcome = (job, _) => job == UpgradeJob.BinaryPreUpgrade
            ? new JobOutcome.RetryRequested("exit code 31")
            : new JobOutcome.Succeeded("ok");
        h.Start();
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, h.Upgrades.Log.Count(l => l.What.StartsWith("BinaryPreUpgrade", StringComparison.Ordinal)));
        Assert.Equal(ExitCodes.UpgradeFailed, h.ExitCode);
        Assert.Equal("genesis", h.Upgrades.Current);
    }

    [Fact]
    public void SwitchFails_ExitCode3()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.Upgrades.SwitchFails = true;
        h.Start();
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(ExitCodes.UpgradeFailed, h.ExitCode);
    }
}
