using System.Diagnostics;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>Signals sent to wemixvisor: TERM/INT/QUIT reach the node's whole group, HUP does not, and a stubborn node is escalated.</summary>
[Collection("Processes")]
public sealed class SignalTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData(Signals.Terminate, "TERM")]
    [InlineData(Signals.Interrupt, "INT")]
    [InlineData(Signals.Quit, "QUIT")]
    public async Task Run_StopSignalToWemixvisor_ReachesNodeAndGrandchild_ExitCodeIsTheNodes(int signal, string name)
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { StartsGrandchild = true, ExitCodeOnSignal = 42 });
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await _home.Timeline.WaitForPrefix("genesis grandchild start pid=");
        var node = _home.Timeline.StartedPid("genesis")!.Value;

        // Act
        run.Signal(signal);
        var exit = await run.WaitForExit();

        // Assert
        Assert.True(exit == 42, $"exit code {exit}, expected the node's 42\n{run.Describe()}");
        Assert.Equal(1, _home.Timeline.Count($"genesis signal {name}"));
        Assert.True(_home.Timeline.Has($"genesis grandchild signal {name}"), _home.Timeline.Describe());
        Assert.Empty(ProcessTable.InGroup(node));
        Assert.Empty(_home.LiveNodeProcesses());
    }

    [Fact]
    public async Task Run_CtrlCToWemixvisorsGroup_NodeGetsOneInterrupt()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { StartsGrandchild = true });
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await _home.Timeline.WaitForPrefix("genesis grandchild start pid=");

        // Act: what a terminal does on Ctrl-C; the node has its own group, so only wemixvisor gets it.
        run.SignalGroup(Signals.Interrupt);
        var exit = await run.WaitForExit();

        // Assert
        Assert.True(exit == 0, run.Describe());
        Assert.Equal(1, _home.Timeline.Count("genesis signal INT"));
        Assert.Equal(1, _home.Timeline.Count("genesis grandchild signal INT"));
    }

    [Fact]
    public async Task Run_Sighup_NotForwardedAndWemixvisorKeepsRunning()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { StartsGrandchild = true });
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await _home.Timeline.WaitForPrefix("genesis grandchild start pid=");
        var node = _home.Timeline.StartedPid("genesis")!.Value;

        // Act
        run.Signal(Signals.Hangup);
        await run.WaitForOutput("Received SIGHUP");
        var wemixvisorRunning = !run.Process.HasExited;
        var nodeRunning = ProcessTable.IsAlive(node);
        run.Signal(Signals.Terminate);
        var exit = await run.WaitForExit();

        // Assert: the TERM sent after the HUP arrived; a forwarded HUP would have been recorded before it.
        Assert.True(wemixvisorRunning, "wemixvisor kept running after SIGHUP");
        Assert.True(nodeRunning, "the node kept running after SIGHUP");
        Assert.Equal(0, exit);
        Assert.True(_home.Timeline.Has("genesis signal TERM"), _home.Timeline.Describe());
        Assert.False(_home.Timeline.HasPrefix("genesis signal HUP"), _home.Timeline.Describe());
        Assert.False(_home.Timeline.HasPrefix("genesis grandchild signal HUP"), _home.Timeline.Describe());
    }

    [Fact]
    public async Task Run_NodeIgnoresTermAndQuit_QuitAfterGraceThenKillFiveSecondsLater_NothingOfItsGroupSurvives()
    {
        // Arrange: the node and a child of it that ignores every catchable signal.
        _home.WriteGenesis(new FakeNode("genesis")
        {
            OnStop = OnStopSignal.Ignore,
            ExtraScript = "( trap '' TERM INT QUIT HUP; note \"stubborn child pid=$BASHPID\"; while :; do sleep 1000; done ) &",
        });
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(("DAEMON_SHUTDOWN_GRACE", "1s")));
        await _home.Timeline.WaitForPrefix("genesis stubborn child pid=");
        var node = _home.Timeline.StartedPid("genesis")!.Value;

        // Act
        var clock = Stopwatch.StartNew();
        run.Signal(Signals.Terminate);
        await _home.Timeline.WaitFor("genesis signal TERM");
        var termSeen = clock.Elapsed;
        await _home.Timeline.WaitFor("genesis signal QUIT");
        var quitSeen = clock.Elapsed;
        var exit = await run.WaitForExit(TimeSpan.FromSeconds(20));
        var exited = clock.Elapsed;

        // Assert
        Assert.True(exit == 128 + 9, $"exit code {exit}, expected 137 (SIGKILL)\n{run.Describe()}");
        Assert.InRange(quitSeen - termSeen, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.InRange(exited - quitSeen, TimeSpan.FromSeconds(4.9), TimeSpan.FromSeconds(9));
        Assert.Empty(ProcessTable.InGroup(node));
        Assert.Empty(_home.LiveNodeProcesses());
    }
}
