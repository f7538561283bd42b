using System.Globalization;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>A node that keeps failing is restarted with a doubling backoff until DAEMON_MAX_RESTARTS, then wemixvisor gives up with its code.</summary>
[Collection("Processes")]
public sealed class CrashLoopTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Run_NodeFailsAtOnceEveryTime_BackoffDoublesAndGivesUpAfterMaxRestartsWithTheNodesCode()
    {
        // Arrange: each start records the wall clock to the microsecond.
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 5, ExtraScript = "note \"clock $EPOCHREALTIME\"" });

        // Act
        var (exit, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"],
            RunEnvironment.Fast(("DAEMON_RESTART_BACKOFF", "200ms"), ("DAEMON_MAX_RESTARTS", "3")), TimeSpan.FromSeconds(20));
        await using var _ = run;

        // Assert: 1 run + 3 restarts, 200 ms, 400 ms, 800 ms apart (plus the time a start takes).
        Assert.True(exit == 5, $"exit code {exit}, expected the node's 5\n{run.Describe()}");
        var starts = _home.Timeline.Lines
            .Where(line => line.StartsWith("genesis clock ", StringComparison.Ordinal))
            .Select(line => double.Parse(line["genesis clock ".Length..], CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(starts.Count == 4, $"{starts.Count} starts, expected 4\n{run.Describe()}");
        double[] backoffs = [0.2, 0.4, 0.8];
        for (var i = 0; i < backoffs.Length; i++)
        {
            var gap = starts[i + 1] - starts[i];
            Assert.True(gap >= backoffs[i] && gap < backoffs[i] + 1.0, $"gap {i + 1} was {gap:F3} s, expected {backoffs[i]} s plus a start\n{run.Describe()}");
        }
        Assert.Contains("after 3 restarts in a row; giving up", run.Process.Stderr, StringComparison.Ordinal);
        Assert.Empty(_home.LiveNodeProcesses());
    }
}
