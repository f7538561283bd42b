using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>Upgrades through the real `run`: detection while running or after an exit, at start-up, and without a restart.</summary>
[Collection("Processes")]
public sealed class UpgradeTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private FakeNode GenesisWritingTrigger(string json) => new("genesis") { TriggerJson = json, TriggerPath = _home.Layout.TriggerFile };

    [Fact]
    public async Task Run_NodeWritesTriggerAndKeepsRunning_UpgradedAndNewBinaryRunsWithTheSameArguments()
    {
        // Arrange
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "chain.db"), "blocks 1..5");
        _home.WriteGenesis(GenesisWritingTrigger(Trigger.Json("v2", 5)));
        _home.WriteUpgrade("v2", new FakeNode("v2"));

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run", "--", "--datadir", "a b", ""], RunEnvironment.Fast());
        await _home.Timeline.WaitForPrefix("v2 cwd=");

        // Assert
        Assert.Equal(["genesis signal TERM", "genesis exit 0"],
            _home.Timeline.Lines.Where(line => line.StartsWith("genesis signal", StringComparison.Ordinal) || line.StartsWith("genesis exit", StringComparison.Ordinal)));
        Assert.Equal(["--datadir", "a b", ""], _home.Timeline.ArgumentsOfStart("v2"));
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        Assert.False(_home.HasJournal());
        var backup = Assert.Single(_home.Backups());
        Assert.EndsWith("-v2", backup, StringComparison.Ordinal);
        Assert.Equal("blocks 1..5", File.ReadAllText(Path.Combine(backup, "data", "chain.db")));
        Assert.Single(_home.Timeline.StartedPids("genesis"));

        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
        Assert.Empty(_home.LiveNodeProcesses());
    }

    [Fact]
    public async Task Run_NodeWritesTriggerAndExitsOneAtOnce_StillUpgraded()
    {
        // Arrange
        _home.WriteGenesis(GenesisWritingTrigger(Trigger.Json("v2", 5)) with { ExitCodeAtStart = 1 });
        _home.WriteUpgrade("v2", new FakeNode("v2"));

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run", "--", "--flag"], RunEnvironment.Fast());
        await _home.Timeline.WaitForPrefix("v2 cwd=");

        // Assert
        Assert.Equal(["--flag"], _home.Timeline.ArgumentsOfStart("v2"));
        Assert.Single(_home.Timeline.StartedPids("genesis"));
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        Assert.Single(_home.Backups());
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task Run_PendingUpgradeAtStartup_AppliedBeforeAnythingRuns_AndNotRepeatedByTheNextRun()
    {
        // Arrange: the old node halted at the upgrade height and left the trigger.
        _home.WriteGenesis(new FakeNode("genesis"));
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        _home.WriteTrigger(Trigger.Json("v2", 5));

        // Act 1
        await using (var first = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast()))
        {
            await _home.Timeline.WaitForPrefix("v2 cwd=");
            first.Signal(Signals.Terminate);
            Assert.Equal(0, await first.WaitForExit());
        }

        // Assert 1
        Assert.Empty(_home.Timeline.StartedPids("genesis"));
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        var backups = _home.Backups();
        Assert.Single(backups);
        var markerWritten = File.GetLastWriteTimeUtc(_home.MarkerPath("v2"));

        // Act 2: the trigger is still there, and already applied.
        await using var second = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await Eventually.Holds(() => _home.Timeline.StartedPids("v2").Count == 2, "the second run starts v2", diagnostics: second.Describe);
        second.Signal(Signals.Terminate);
        Assert.Equal(0, await second.WaitForExit());

        // Assert 2
        Assert.Empty(_home.Timeline.StartedPids("genesis"));
        Assert.Equal(backups, _home.Backups());
        Assert.Equal(markerWritten, File.GetLastWriteTimeUtc(_home.MarkerPath("v2")));
        Assert.DoesNotContain("is pending", second.Process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Switching to upgrade", second.Process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RestartAfterUpgradeFalse_ExitsZeroAfterTheSwitchWithoutStartingTheNewBinary()
    {
        // Arrange
        _home.WriteGenesis(GenesisWritingTrigger(Trigger.Json("v2", 5)));
        _home.WriteUpgrade("v2", new FakeNode("v2"));

        // Act
        var (exit, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], RunEnvironment.Fast(("DAEMON_RESTART_AFTER_UPGRADE", "false")));
        await using var _ = run;

        // Assert
        Assert.True(exit == 0, run.Describe());
        Assert.True(_home.Timeline.Has("genesis signal TERM"), _home.Timeline.Describe());
        Assert.Empty(_home.Timeline.StartedPids("v2"));
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        Assert.Empty(_home.LiveNodeProcesses());
    }

    [Fact]
    public async Task Run_TriggerWrittenInPieces_ExactlyOneUpgrade()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis"));
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await _home.Timeline.WaitForPrefix("genesis cwd=");
        var json = Trigger.Json("v2", 5);
        var cut = json.IndexOf("\"height\"", StringComparison.Ordinal);

        // Act: the first half, long enough to be looked at ten times; then the rest.
        File.WriteAllText(_home.Layout.TriggerFile, json[..cut]);
        await run.WaitForOutput("has stayed incomplete");
        var genesisRunningMeanwhile = !_home.Timeline.HasPrefix("genesis signal");
        File.AppendAllText(_home.Layout.TriggerFile, json[cut..]);
        await _home.Timeline.WaitForPrefix("v2 cwd=");
        run.Signal(Signals.Terminate);
        var exit = await run.WaitForExit();

        // Assert
        Assert.True(genesisRunningMeanwhile, "an incomplete trigger did not stop the node");
        Assert.Equal(0, exit);
        Assert.Single(_home.Timeline.StartedPids("genesis"));
        Assert.Single(_home.Timeline.StartedPids("v2"));
        Assert.Single(_home.Backups());
        Assert.Equal(1, Occurrences(run.Process.Stderr, "Switching to upgrade v2"));
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
    }

    [Fact]
    public async Task Run_UpgradeBinaryMissing_NodeKeepsRunning_ProceedsOnceCopiedIn_ProblemLoggedOnce()
    {
        // Arrange: debug level shows each recheck of the blocked upgrade.
        _home.WriteGenesis(GenesisWritingTrigger(Trigger.Json("v2", 5)));
        var expected = Path.Combine(_home.Layout.UpgradesDir, "v2", "bin", _home.DaemonName);
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(("WEMIXVISOR_LOG_LEVEL", "debug")));
        await run.WaitForOutput($"upgrade binary {expected} does not exist");
        await Eventually.Holds(() => Occurrences(run.Process.Stderr, "Blocked -> Preparing") >= 3, "three rechecks of the blocked upgrade", diagnostics: run.Describe);
        var genesisUntouched = !_home.Timeline.HasPrefix("genesis signal") && !run.Process.HasExited;

        // Act: copied in the way an operator would: prepared elsewhere, then moved into place.
        var staging = Path.Combine(_home.Home, "staging", "v2");
        TempHome.WriteExecutable(Path.Combine(staging, "bin", _home.DaemonName), new FakeNode("v2").Script(_home.Home, _home.Timeline.Path));
        Directory.Move(staging, Path.Combine(_home.Layout.UpgradesDir, "v2"));
        await _home.Timeline.WaitForPrefix("v2 cwd=");

        // Assert
        Assert.True(genesisUntouched, "the node kept running while the binary was missing\n" + run.Describe());
        var errors = Lines(run.Process.Stderr).Where(line => line.Contains(" ERROR ", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.Contains($"upgrade binary {expected} does not exist", error, StringComparison.Ordinal);
        var loud = Lines(run.Process.Stderr).Where(line => !line.Contains(" DEBUG ", StringComparison.Ordinal) && line.Contains(expected, StringComparison.Ordinal)).ToList();
        Assert.True(loud.Count <= 2, "the problem is not repeated at info level on every recheck:\n" + string.Join("\n", loud));
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
