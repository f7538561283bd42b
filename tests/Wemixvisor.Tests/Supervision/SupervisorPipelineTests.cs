using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.Tests.Supervision;

public sealed class SupervisorPipelineTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Start_NoTrigger_LaunchesGenesisOnce()
    {
        using var h = new SupervisorHarness().Start();
        h.Advance(TimeSpan.FromMinutes(5));

        Assert.Single(h.Launcher.Launched);
        Assert.Equal("genesis", h.Node.Binary);
        Assert.Null(h.ExitCode);
    }

    [Fact]
    public void UpgradeWhileRunning_DetectedWithinOnePollInterval_SwitchesAndRestartsNewBinary()
    {
        using var h = new SupervisorHarness().Start();
        h.Upgrades.Binaries.Add("v2");
        h.Advance(TimeSpan.FromSeconds(10));
        var genesis = h.Node;
        var writtenAt = h.Now;

        h.WriteTrigger("v2", 100);
        h.Advance(SupervisorHarness.Poll);

        Assert.Equal([NodeSignal.Terminate], genesis.Received.Select(r => r.Signal));
        Assert.True(genesis.Received[0].At.UtcTicks - writtenAt.Ticks <= SupervisorHarness.Poll.Ticks + 10, "TERM within one poll interval");
        h.AdvanceUntil(() => h.Launcher.Launched.Count == 2, TimeSpan.FromSeconds(5), "the new binary starts");
        Assert.Equal("v2", h.Node.Binary);
        Assert.Equal("v2", h.Upgrades.Current);
        Assert.Equal(100, h.Upgrades.Markers["v2"].Height);
        Assert.Equal(
            ["Backup v2: Succeeded", "CustomPreUpgrade v2: Succeeded", "UpgradePreUpgrade v2: Succeeded", "BinaryPreUpgrade v2: Succeeded", "Switch v2"],
            h.Upgrades.Log.Select(l => l.What));
        Assert.Equal(1, h.Upgrades.Prunes);
    }

    [Fact]
    public void UpgradeWithHints_DetectedBeforeThePoll()
    {
        using var h = new SupervisorHarness().Start();
        h.Files.HintsEnabled = true;
        h.Upgrades.Binaries.Add("v2");
        h.Advance(TimeSpan.FromMilliseconds(150));
        var genesis = h.Node;

        h.WriteTrigger("v2", 5);
        h.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([NodeSignal.Terminate], genesis.Received.Select(r => r.Signal));
    }

    [Fact]
    public void Shutdown_NodeIgnoresTermAndQuit_QuitExactlyAtGrace_KillFiveSecondsLater_ExitCodeIs137()
    {
        var grace = TimeSpan.FromSeconds(30);
        using var h = new SupervisorHarness(new SupervisorPolicy { ShutdownGrace = grace });
        h.Launcher.Behaviour = NodeBehaviour.IgnoresTermAndQuit;
        h.Start();
        h.Advance(Second);
        var node = h.Node;

        h.Signal(NodeSignal.Terminate);
        h.Advance(grace - TimeSpan.FromMilliseconds(1));
        Assert.Equal([NodeSignal.Terminate], node.Received.Select(r => r.Signal));
        h.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal([NodeSignal.Terminate, NodeSignal.Quit], node.Received.Select(r => r.Signal));
        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([NodeSignal.Terminate, NodeSignal.Quit, NodeSignal.Kill], node.Received.Select(r => r.Signal));
        var term = node.Received[0].At;
        Assert.InRange(node.Received[1].At - term, grace, grace + TimeSpan.FromMilliseconds(1));
        Assert.InRange(node.Received[2].At - node.Received[1].At, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(1));
        h.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(137, h.ExitCode);
        Assert.True(h.Completed);
    }
}
