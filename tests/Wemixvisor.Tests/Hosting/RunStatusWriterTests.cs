using System.Reactive;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Hosting;
using Wemixvisor.Status;
using Wemixvisor.Tests.Backup;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.Tests.Hosting;

public sealed class RunStatusWriterTests : IDisposable
{
    private const int Pid = 4242;
    private readonly TempDirectory _temp = new();
    private readonly CapturedLog<RunStatusWriter> _log = new();

    public RunStatusWriterTests() => Directory.CreateDirectory(Layout.Root);

    private HomeLayout Layout => new(_temp.Path, "gstable", _temp.Combine("data"), _temp.Combine("backups"));

    public void Dispose() => _temp.Dispose();

    /// <summary>Two crashes (two backoff restarts), one upgrade to v2, then a stop: the steps of a real pipeline in virtual time.</summary>
    private static List<SupervisorStep> CrashTwiceUpgradeAndStop()
    {
        using var h = new SupervisorHarness();
        h.Upgrades.Binaries.Add("v2");
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.Node.Exit(NodeExit.Code(1));
        h.Advance(TimeSpan.FromSeconds(2));
        h.Node.Exit(NodeExit.Signal(11));
        h.Advance(TimeSpan.FromSeconds(3));
        h.WriteTrigger("v2", 100);
        h.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("v2", h.Node.Binary);
        h.Signal(NodeSignal.Terminate);
        h.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, h.ExitCode);
        return h.Steps;
    }

    [Fact]
    public void Steps_OfALife_CountRestartsAndUpgradesAndWriteOnlyOnNodeStartExitAndSwitch()
    {
        // Arrange
        var steps = CrashTwiceUpgradeAndStop();
        using var writer = new RunStatusWriter(Layout, _log, Pid);

        // Act: every step but the completion.
        foreach (var step in steps)
        {
            writer.OnNext(step);
        }

        // Assert
        var status = RunStatus.Read(Layout);
        Assert.NotNull(status);
        Assert.Equal(Pid, status.Pid);
        Assert.Equal((4, 2, 1), (status.NodeStarts, status.Restarts, status.Upgrades));
        Assert.Equal(steps[0].At, status.StartedAt);
        Assert.Equal(("Stopping", "Exited"), (status.LastTransition!.From, status.LastTransition.To));
        Assert.StartsWith("NodeExited", status.LastTransition.Event, StringComparison.Ordinal);
        // The start, 4 node starts, 4 node exits (2 crashes, the stop for the upgrade, the final stop) and 1 switch.
        Assert.Equal(10, writer.Writes);
    }

    [Fact]
    public void Completion_RemovesTheFile()
    {
        var steps = CrashTwiceUpgradeAndStop();
        using var writer = new RunStatusWriter(Layout, _log, Pid);
        writer.OnNext(steps[0]);
        Assert.True(File.Exists(RunStatus.PathIn(Layout)));

        writer.OnCompleted();

        Assert.False(File.Exists(RunStatus.PathIn(Layout)));
        Assert.Empty(Directory.GetFileSystemEntries(Layout.Root));
    }

    [Fact]
    public void Dispose_WithoutCompletion_RemovesTheFileToo()
    {
        var steps = CrashTwiceUpgradeAndStop();
        var writer = new RunStatusWriter(Layout, _log, Pid);
        writer.OnNext(steps[0]);

        writer.Dispose();

        Assert.False(File.Exists(RunStatus.PathIn(Layout)));
    }

    [Fact]
    public void UnwritableLocation_IsLoggedOnceAndNeverThrows()
    {
        // Arrange: the wemixvisor directory is gone.
        var steps = CrashTwiceUpgradeAndStop();
        Directory.Delete(Layout.Root);
        using var writer = new RunStatusWriter(Layout, _log, Pid);

        // Act
        foreach (var step in steps)
        {
            writer.OnNext(step);
        }

        // Assert
        Assert.Equal(0, writer.Writes);
        var entry = Assert.Single(_log.Entries);
        Assert.Equal(1050, entry.EventId);
        Assert.Contains(RunStatus.PathIn(Layout), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_HandsEveryStepToBothObservers()
    {
        var steps = CrashTwiceUpgradeAndStop();
        using var writer = new RunStatusWriter(Layout, _log, Pid);
        var seen = new List<SupervisorStep>();
        var completed = false;

        var combined = RunStatusWriter.Combine(writer, Observer.Create<SupervisorStep>(seen.Add, _ => { }, () => completed = true));
        foreach (var step in steps)
        {
            combined.OnNext(step);
        }
        Assert.True(File.Exists(RunStatus.PathIn(Layout)));
        combined.OnCompleted();

        Assert.Equal(steps, seen);
        Assert.True(completed);
        Assert.False(File.Exists(RunStatus.PathIn(Layout)));
    }
}
