using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Hosting;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Status;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.IntegrationTests.Hosting;

public sealed class RunStatusWriterTests : IDisposable
{
    private const int Pid = 4242;
    private readonly TempHome _temp = TempHome.Empty("gstable");
    private readonly CapturedLog<RunStatusWriter> _log = new();

    public RunStatusWriterTests() => Directory.CreateDirectory(Layout.Root);

    private HomeLayout Layout => _temp.Layout;

    public void Dispose() => _temp.Dispose();

    /// <summary>Two crashes (two backoff restarts), one upgrade to v2, then a stop: the transitions of a real pipeline in virtual time.</summary>
    private static List<Transition> CrashTwiceUpgradeAndStop()
    {
        using var h = new SupervisorHarness();
        Lives.CrashTwiceThenUpgradeToV2(h);
        Assert.Equal("v2", h.Node.Binary);
        h.Signal(NodeSignal.Terminate);
        h.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, h.ExitCode);
        return h.Transitions;
    }

    [Fact]
    public void Transitions_OfALife_CountRestartsAndUpgradesAndWriteOnlyOnNodeStartExitAndSwitch()
    {
        // Arrange
        var transitions = CrashTwiceUpgradeAndStop();
        using var writer = new RunStatusWriter(Layout, _log, Pid);

        // Act: every transition but the completion.
        foreach (var transition in transitions)
        {
            writer.OnNext(transition);
        }

        // Assert
        var status = RunStatus.Read(Layout);
        Assert.NotNull(status);
        Assert.Equal(Pid, status.Pid);
        Assert.Equal((4, 2, 1), (status.NodeStarts, status.Restarts, status.Upgrades));
        Assert.Equal(transitions[0].At, status.StartedAt);
        Assert.Equal(("Stopping", "Exited"), (status.LastTransition!.From, status.LastTransition.To));
        Assert.StartsWith("NodeExited", status.LastTransition.Event, StringComparison.Ordinal);
        // The start, 4 node starts, 4 node exits (2 crashes, the stop for the upgrade, the final stop) and 1 switch.
        Assert.Equal(10, writer.Writes);
    }

    [Fact]
    public void Completion_RemovesTheFile()
    {
        var transitions = CrashTwiceUpgradeAndStop();
        using var writer = new RunStatusWriter(Layout, _log, Pid);
        writer.OnNext(transitions[0]);
        Assert.True(File.Exists(RunStatus.PathIn(Layout)));

        writer.OnCompleted();

        Assert.False(File.Exists(RunStatus.PathIn(Layout)));
        Assert.Empty(Directory.GetFileSystemEntries(Layout.Root));
    }

    [Fact]
    public void Dispose_WithoutCompletion_RemovesTheFileToo()
    {
        var transitions = CrashTwiceUpgradeAndStop();
        var writer = new RunStatusWriter(Layout, _log, Pid);
        writer.OnNext(transitions[0]);

        writer.Dispose();

        Assert.False(File.Exists(RunStatus.PathIn(Layout)));
    }

    [Fact]
    public void UnwritableLocation_IsLoggedOnceAndNeverThrows()
    {
        // Arrange: the wemixvisor directory is gone.
        var transitions = CrashTwiceUpgradeAndStop();
        Directory.Delete(Layout.Root);
        using var writer = new RunStatusWriter(Layout, _log, Pid);

        // Act
        foreach (var transition in transitions)
        {
            writer.OnNext(transition);
        }

        // Assert
        Assert.Equal(0, writer.Writes);
        var entry = Assert.Single(_log.Entries);
        Assert.Equal(1050, entry.EventId);
        Assert.Contains(RunStatus.PathIn(Layout), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsObserverOfARun_FileTellsTheRunWhileItLasts_AndIsGoneWhenItExits()
    {
        // Arrange
        using var writer = new RunStatusWriter(Layout, _log, Pid);
        using var h = new SupervisorHarness(observers: [writer]);
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.Node.Exit(NodeExit.Code(1));
        h.Advance(TimeSpan.FromSeconds(2));

        // Act
        var whileRunning = RunStatus.Read(Layout);
        h.Signal(NodeSignal.Terminate);
        h.Advance(TimeSpan.FromSeconds(2));

        // Assert
        Assert.NotNull(whileRunning);
        Assert.Equal((2, 1, 0), (whileRunning.NodeStarts, whileRunning.Restarts, whileRunning.Upgrades));
        Assert.Equal(0, h.ExitCode);
        Assert.False(File.Exists(RunStatus.PathIn(Layout)));
    }
}
