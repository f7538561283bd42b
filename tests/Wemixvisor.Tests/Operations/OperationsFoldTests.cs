using Wemixvisor.Core.Operations;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Tests.Fakes;
using static Wemixvisor.Core.Operations.OperationsFact;

namespace Wemixvisor.Tests.Operations;

public sealed class OperationsFoldTests
{
    private static (OperationsView View, List<OperationsFact> Facts, List<OperationsView> Views) Fold(SupervisorHarness h)
    {
        var view = OperationsView.Initial;
        var facts = new List<OperationsFact>();
        var views = new List<OperationsView>();
        foreach (var transition in h.Transitions)
        {
            (view, var more) = OperationsFold.Next(view, transition);
            facts.AddRange(more);
            views.Add(view);
        }
        return (view, facts, views);
    }

    [Fact]
    public void Fold_UpgradeWhileRunning_DetectedStartedAppliedOnce_EachPartTimed_NewNodeUp()
    {
        // Arrange
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.WriteTrigger("v2", 100);

        // Act
        h.Advance(TimeSpan.FromSeconds(10));
        var (view, facts, _) = Fold(h);

        // Assert
        Assert.Equal(
            ["NodeUp", "UpgradeDetected", "UpgradeStarted", "ActivityTimed", "ActivityTimed", "ActivityTimed", "UpgradeApplied", "ActivityTimed", "NodeUp", "ActivityTimed"],
            facts.Select(f => f.GetType().Name));
        Assert.Equal([UpgradeActivity.Stop, UpgradeActivity.Backup, UpgradeActivity.Hooks, UpgradeActivity.Switch, UpgradeActivity.Start],
            facts.OfType<ActivityTimed>().Select(t => t.Activity).Distinct());
        Assert.Equal("v2", facts.OfType<UpgradeApplied>().Single().Upgrade.Name.ToString());
        Assert.Equal("v2@100", view.Current.ToString());
        Assert.Equal(1, view.Counters.Upgrades);
        Assert.True(view.Healthy);
        Assert.StartsWith("running v2@100 (pid ", view.Status, StringComparison.Ordinal);
        Assert.Null(view.Pending);
    }

    [Fact]
    public void Fold_NodeDownBetweenRestarts_UnhealthyWithWhy_ThenHealthyAgain()
    {
        // Arrange
        using var h = new SupervisorHarness();
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));

        // Act
        h.Node.Exit(NodeExit.Code(1));
        h.Advance(TimeSpan.FromMilliseconds(10));
        var down = Fold(h).View;
        h.Advance(TimeSpan.FromSeconds(5));
        var up = Fold(h).View;

        // Assert
        Assert.False(down.Healthy);
        Assert.Equal("the node exited (exit code 1); restarting it after a pause", down.Status);
        Assert.Equal(down.Status, down.NotReady);
        Assert.Null(down.NodePid);
        Assert.True(up.Healthy);
        Assert.Null(up.NotReady);
        Assert.Equal(1, up.Counters.Restarts);
    }

    [Fact]
    public void Fold_NodeKeepsFailing_CrashLoopGivenUpOnce_NoAbnormalExit()
    {
        // Arrange
        using var h = new SupervisorHarness(new SupervisorPolicy { MaxRestarts = 2, PreflightRecheck = SupervisorHarness.Poll });
        h.Start();

        // Act
        for (var run = 0; run < 3; run++)
        {
            h.Advance(TimeSpan.FromSeconds(1));
            h.Node.Exit(NodeExit.Code(7));
            h.Advance(TimeSpan.FromSeconds(10));
        }
        var (view, facts, _) = Fold(h);

        // Assert
        Assert.Equal(7, h.ExitCode);
        var gaveUp = Assert.Single(facts.OfType<CrashLoopGaveUp>());
        Assert.Equal((7, 2), (gaveUp.Code, gaveUp.Restarts));
        Assert.Empty(facts.OfType<AbnormalExit>());
        Assert.Equal(7, view.ExitCode);
    }

    [Fact]
    public void Fold_StopSignal_StopRequestedOnce_NotAnAlertWhenTheNodeExitsZero()
    {
        // Arrange
        using var h = new SupervisorHarness();
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));

        // Act
        h.Signal(NodeSignal.Terminate);
        h.Signal(NodeSignal.Terminate);
        h.Advance(TimeSpan.FromSeconds(5));
        var (view, facts, _) = Fold(h);

        // Assert
        Assert.Equal(0, h.ExitCode);
        Assert.Single(facts.OfType<StopRequested>());
        Assert.Empty(facts.OfType<AbnormalExit>());
        Assert.False(view.Healthy);
        Assert.Equal("exiting with code 0", view.Status);
    }

    [Fact]
    public void Fold_BlockedUpgrade_DetectedOnceAcrossRechecks_PendingShown()
    {
        // Arrange: the binary of v2 is missing, so the preflight fails at every recheck.
        using var h = new SupervisorHarness();
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.WriteTrigger("v2", 100);

        // Act
        h.Advance(TimeSpan.FromSeconds(5));
        var (view, facts, _) = Fold(h);

        // Assert
        Assert.Single(facts.OfType<UpgradeDetected>());
        Assert.Empty(facts.OfType<UpgradeStarted>());
        Assert.Equal(("v2", 100L), (view.Pending!.Name.ToString(), view.Pending.Height));
        Assert.True(view.Healthy);
        Assert.StartsWith("upgrade v2 blocked: ", view.Status, StringComparison.Ordinal);
    }
}
