using System.Security.Cryptography;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Processes;
using Wemixvisor.Platform.Switching;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// wemixvisor SIGKILLed in the middle of an upgrade, then `run` again: <c>current</c>, the marker and the
/// data agree, an orphaned node is stopped first, and the new binary runs.
/// </summary>
[Collection("Processes")]
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private FakeNode GenesisWritingTrigger() => new("genesis") { TriggerJson = Trigger.Json("v2", 5), TriggerPath = _home.Layout.TriggerFile };

    private int V2NodeStarts() => _home.Timeline.StartedPids("v2").Count;

    /// <summary>Runs wemixvisor again until v2 runs; returns the run and the pid of the v2 node it started.</summary>
    private async Task<(RunningWemixvisor Run, int Node)> RunAgainUntilV2Runs(int v2StartsBefore, params (string, string?)[] settings)
    {
        var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(settings));
        await Eventually.Holds(() => V2NodeStarts() > v2StartsBefore, "v2 started by the second run", TimeSpan.FromSeconds(20), run.Describe);
        return (run, _home.Timeline.StartedPids("v2")[^1]);
    }

    private void AssertUpgradedConsistently()
    {
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        Assert.False(_home.HasJournal(), "the journal is cleared");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_home.Layout.Root, CurrentLinkWriter.TempLinkPrefix + "*"));
        Assert.Single(_home.Timeline.StartedPids("genesis"));
    }

    /// <summary>Waits until wemixvisor has recorded <paramref name="label"/>'s latest node in node.json (what lets a later run find it as an orphan).</summary>
    private async Task<int> WaitUntilRecorded(string label, RunningWemixvisor run)
    {
        var records = new NodeRecordStore(_home.Layout);
        await Eventually.Holds(
            () => _home.Timeline.StartedPids(label) is [.., var pid] && records.Load()?.Pid == pid,
            $"the {label} node recorded in {records.Path}", diagnostics: run.Describe);
        return _home.Timeline.StartedPids(label)[^1];
    }

    /// <summary>SIGKILL to wemixvisor alone; waits until it is gone (not for its output to end: an orphan may hold the pipes).</summary>
    private static async Task Sigkill(RunningWemixvisor run)
    {
        run.Signal(Signals.Kill);
        await Eventually.Holds(() => run.Process.HasExited, "wemixvisor gone after SIGKILL", diagnostics: run.Describe);
    }

    private static async Task StopAndExpectZero(RunningWemixvisor run)
    {
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task SigkillDuringSlowCustomPreUpgrade_RunAgain_UpgradeCompletes()
    {
        // Arrange: the hook hangs the first time only.
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "chain.db"), "blocks 1..5");
        _home.WriteGenesis(GenesisWritingTrigger());
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        var first = Path.Combine(_home.Home, "hook-attempted");
        var hook = TempHome.WriteExecutable(Path.Combine(_home.Home, "hooks", "slow"), $"""
            #!/usr/bin/env bash
            if [ ! -e {FakeNode.Quote(first)} ]; then
              touch {FakeNode.Quote(first)}
              echo "hook hangs" >> {FakeNode.Quote(_home.Timeline.Path)}
              sleep 60
            fi
            echo "hook done" >> {FakeNode.Quote(_home.Timeline.Path)}

            """);
        var settings = ("WEMIXVISOR_CUSTOM_PREUPGRADE", hook);
        var killed = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(settings));
        await using (killed)
        {
            await _home.Timeline.WaitFor("hook hangs");

            // Act 1
            await Sigkill(killed);
        }

        // Assert 1: killed before the switch began.
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        Assert.Null(_home.Marker("v2"));
        Assert.True(_home.Timeline.Has("genesis exit 0"), "the node had been stopped for the upgrade");

        // Act 2
        var (run, _) = await RunAgainUntilV2Runs(0, settings);
        await using var _ = run;

        // Assert 2
        Assert.True(_home.Timeline.Has("hook done"), _home.Timeline.Describe());
        AssertUpgradedConsistently();
        Assert.Equal("blocks 1..5", File.ReadAllText(Path.Combine(_home.Layout.DataDir, "chain.db")));
        await StopAndExpectZero(run);
    }

    [Fact]
    public async Task HookStillRunningWhenWemixvisorIsSigkilled_RunAgain_StopsTheHookBeforeAnythingElse()
    {
        // Arrange: the hook hangs the first time and reports the SIGTERM it gets.
        _home.WriteGenesis(GenesisWritingTrigger());
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        var first = Path.Combine(_home.Home, "hook-attempted");
        var timeline = FakeNode.Quote(_home.Timeline.Path);
        var hook = TempHome.WriteExecutable(Path.Combine(_home.Home, "hooks", "stuck"), $"""
            #!/usr/bin/env bash
            if [ ! -e {FakeNode.Quote(first)} ]; then
              touch {FakeNode.Quote(first)}
              trap 'echo "hook got TERM" >> {timeline}; exit 143' TERM
              echo "hook hangs pid=$$" >> {timeline}
              while true; do sleep 0.1; done
            fi
            echo "hook done" >> {timeline}

            """);
        var settings = ("WEMIXVISOR_CUSTOM_PREUPGRADE", hook);
        var killed = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(settings));
        int hookPid;
        await using (killed)
        {
            await _home.Timeline.WaitForPrefix("hook hangs pid=");
            hookPid = int.Parse(_home.Timeline.Lines.First(line => line.StartsWith("hook hangs pid=", StringComparison.Ordinal))["hook hangs pid=".Length..], System.Globalization.CultureInfo.InvariantCulture);
            await Eventually.Holds(() => new NodeRecordStore(_home.Layout.HookRecordFile).Load()?.Pid == hookPid, "the hook recorded", diagnostics: killed.Describe);
            await Sigkill(killed);
        }
        Assert.True(ProcessTable.IsAlive(hookPid), "the hook outlived its SIGKILLed wemixvisor");

        // Act
        var (run, _) = await RunAgainUntilV2Runs(0, settings);
        await using var _ = run;

        // Assert: the old hook got TERM and ended before the second run's hook ran.
        var lines = _home.Timeline.Lines.ToList();
        Assert.True(lines.IndexOf("hook got TERM") is >= 0 and var stopped && stopped < lines.IndexOf("hook done"), _home.Timeline.Describe());
        Assert.False(ProcessTable.IsAlive(hookPid));
        Assert.Contains($"A pre-upgrade hook left by a previous wemixvisor still runs (pid {hookPid})", run.Process.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_home.Layout.HookRecordFile), "the record is removed once the hook ended");
        AssertUpgradedConsistently();
        await StopAndExpectZero(run);
    }

    [Fact]
    public async Task SigkillDuringBackupOfABigDataDir_RunAgain_PartialBackupRemovedAndUpgradeCompletes()
    {
        // Arrange: 32 MiB in 500 files, so the backup takes a while (about 0.4 s here, most of it flushing to disk).
        var hashes = WriteData(files: 500, bytesEach: 64 << 10);
        _home.WriteGenesis(GenesisWritingTrigger());
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        var killed = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await using (killed)
        {
            // The log line, not the file system: listing the backup dir can stall while the backup flushes to disk.
            await killed.WaitForOutput("Backing up ");

            // Act 1
            await Sigkill(killed);
        }

        // Assert 1: killed during the backup.
        Assert.NotEmpty(_home.PartialBackups());
        Assert.Empty(_home.Backups());
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);

        // Act 2
        var (run, _) = await RunAgainUntilV2Runs(0);
        await using var _ = run;

        // Assert 2
        AssertUpgradedConsistently();
        Assert.Empty(_home.PartialBackups());
        var backup = Assert.Single(_home.Backups());
        Assert.Equal(hashes, HashData(_home.Layout.DataDir));
        Assert.Equal(hashes, HashData(Path.Combine(backup, "data")));
        await StopAndExpectZero(run);
    }

    [Fact]
    public async Task SigkillRightAfterTheSwitchWithTheNewNodeStarted_RunAgain_OrphanStoppedFirst_NoSecondUpgrade()
    {
        // Arrange
        _home.WriteGenesis(GenesisWritingTrigger());
        _home.WriteUpgrade("v2", new FakeNode("v2") { StartsGrandchild = true });
        var killed = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        int orphan;
        await using (killed)
        {
            await killed.WaitForOutput("Switched current -> ");
            orphan = await WaitUntilRecorded("v2", killed);

            // Act 1
            await Sigkill(killed);
        }
        Assert.True(ProcessTable.IsAlive(orphan), "the new node outlived its SIGKILLed wemixvisor");

        // Act 2
        var (run, node) = await RunAgainUntilV2Runs(1);
        await using var _ = run;

        // Assert
        AssertUpgradedConsistently();
        Assert.Single(_home.Backups());
        Assert.DoesNotContain("Switching to upgrade", run.Process.Stderr, StringComparison.Ordinal);
        Assert.False(ProcessTable.IsAlive(orphan), $"orphaned v2 pid {orphan} was stopped");
        Assert.Contains($"still runs (pid {orphan})", run.Process.Stderr, StringComparison.Ordinal);
        var lines = _home.Timeline.Lines.ToList();
        Assert.True(lines.IndexOf("v2 exit 0") is >= 0 and var stopped && stopped < lines.IndexOf($"v2 start pid={node} args="), _home.Timeline.Describe());
        Assert.Equal([node], _home.LiveNodeProcesses(run.Pid).Where(entry => entry.Pid == entry.ProcessGroup).Select(entry => entry.Pid));
        await StopAndExpectZero(run);
        Assert.Empty(_home.LiveNodeProcesses());
    }

    [Fact]
    public async Task SigkillDuringTheNewBinarysProbation_RunAgain_ProbationGoesOn_V2FailsIt_RolledBackToGenesis()
    {
        // Arrange: v2 runs the first time; started again, it exits 3 at once.
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "chain.db"), "blocks 1..5");
        var ranOnce = Path.Combine(_home.Home, "v2-ran");
        _home.WriteGenesis(GenesisWritingTrigger());
        _home.WriteUpgrade("v2", new FakeNode("v2")
        {
            ExtraScript = $"""
                if [ -e {FakeNode.Quote(ranOnce)} ]; then note "exit 3"; exit 3; fi
                touch {FakeNode.Quote(ranOnce)}
                echo "written by v2" > {FakeNode.Quote(Path.Combine(_home.Layout.DataDir, "chain.db"))}
                """,
        });
        var settings = ("WEMIXVISOR_READY_TIMEOUT", "10m");
        var killed = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(settings));
        int orphan;
        await using (killed)
        {
            orphan = await WaitUntilRecorded("v2", killed);
            await Eventually.Holds(() => File.Exists(_home.Layout.ProbationFile), "the probation kept on disk", diagnostics: killed.Describe);

            // Act 1
            await Sigkill(killed);
        }
        Assert.True(ProcessTable.IsAlive(orphan), "v2 outlived its SIGKILLed wemixvisor");

        // Act 2
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(settings));
        await Eventually.Holds(() => _home.Timeline.StartedPids("genesis").Count == 2, "genesis started again", TimeSpan.FromSeconds(30), run.Describe);

        // Assert
        Assert.Contains("the probation goes on", run.Process.Stderr, StringComparison.Ordinal);
        Assert.True(_home.Timeline.Has("v2 exit 3"), _home.Timeline.Describe());
        Assert.False(ProcessTable.IsAlive(orphan), $"orphaned v2 pid {orphan} was stopped");
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        Assert.Equal("blocks 1..5", File.ReadAllText(Path.Combine(_home.Layout.DataDir, "chain.db")));
        Assert.False(File.Exists(_home.Layout.ProbationFile), "the probation record is removed after the rollback");
        var schedule = File.ReadAllText(Path.Combine(_home.Layout.Root, "schedule.json"));
        Assert.Contains("\"rolled_back\"", schedule, StringComparison.Ordinal);
        Assert.Equal(2, _home.Timeline.StartedPids("v2").Count);
        await StopAndExpectZero(run);
    }

    [Fact]
    public async Task KilledBetweenJournalAndLink_RunAgain_SwitchCompletedBeforeAnythingRuns()
    {
        // Arrange: what a wemixvisor killed inside the switch leaves: the journal written, current not yet switched.
        _home.WriteGenesis(new FakeNode("genesis"));
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        _home.WriteTrigger(Trigger.Json("v2", 5));
        new UpgradeJournal(_home.Layout).Begin(new UpgradeInfo(UpgradeName.Parse("v2"), 5, null, ""));

        // Act
        var (run, _) = await RunAgainUntilV2Runs(0);
        await using var _ = run;

        // Assert
        Assert.Contains("A previous wemixvisor stopped while switching to upgrade v2; completing the switch", run.Process.Stderr, StringComparison.Ordinal);
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        Assert.False(_home.HasJournal());
        Assert.Empty(_home.Timeline.StartedPids("genesis"));
        await StopAndExpectZero(run);
    }

    [Fact]
    public async Task NodeOrphanedByASigkilledWemixvisor_StoppedBeforeTheRelaunch()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { StartsGrandchild = true });
        var killed = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await using (killed)
        {
            await _home.Timeline.WaitForPrefix("genesis grandchild start pid=");
            await WaitUntilRecorded("genesis", killed);
            await Sigkill(killed);
        }
        var orphan = _home.Timeline.StartedPid("genesis")!.Value;
        var orphanGrandchild = _home.Timeline.StartedPid("genesis", grandchild: true)!.Value;
        Assert.True(ProcessTable.IsAlive(orphan), "the node outlived its SIGKILLed wemixvisor");

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await Eventually.Holds(() => _home.Timeline.StartedPids("genesis").Count == 2, "the relaunch", diagnostics: run.Describe);

        // Assert: the orphan and its child got TERM and ended before the new node started.
        var lines = _home.Timeline.Lines.ToList();
        var relaunch = lines.FindLastIndex(line => line.StartsWith("genesis start pid=", StringComparison.Ordinal));
        Assert.True(lines.IndexOf("genesis exit 0") is >= 0 and var exited && exited < relaunch, _home.Timeline.Describe());
        Assert.True(lines.IndexOf("genesis grandchild signal TERM") is >= 0 and var childStopped && childStopped < relaunch, _home.Timeline.Describe());
        Assert.False(ProcessTable.IsAlive(orphan));
        Assert.False(ProcessTable.IsAlive(orphanGrandchild));
        Assert.Contains($"A node left by a previous wemixvisor still runs (pid {orphan})", run.Process.Stderr, StringComparison.Ordinal);
        await StopAndExpectZero(run);
    }

    [Fact]
    public async Task SecondInstanceForTheSameHome_Exits4NamingThePid_StartsNothing()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis"));
        await using var first = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await _home.Timeline.WaitForPrefix("genesis cwd=");

        // Act
        var (exit, second) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], RunEnvironment.Fast());
        await using var _ = second;

        // Assert
        Assert.True(exit == 4, $"exit code {exit}, expected 4\n{second.Describe()}");
        Assert.Contains($"pid {first.Pid}", second.Process.Stderr, StringComparison.Ordinal);
        Assert.Single(_home.Timeline.StartedPids("genesis"));
        Assert.False(first.Process.HasExited);
        await StopAndExpectZero(first);
    }

    /// <summary>Writes <paramref name="files"/> files of random bytes under <c>data/chaindata/</c> (in 20 sub-directories); returns their hashes.</summary>
    private IReadOnlyDictionary<string, string> WriteData(int files, int bytesEach)
    {
        var random = new Random(4);
        var buffer = new byte[bytesEach];
        for (var i = 0; i < files; i++)
        {
            var path = Path.Combine(_home.Layout.DataDir, "chaindata", $"{i % 20:D2}", $"{i:D4}.ldb");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            random.NextBytes(buffer);
            File.WriteAllBytes(path, buffer);
        }
        return HashData(_home.Layout.DataDir);
    }

    private static Dictionary<string, string> HashData(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "chaindata"), "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path), path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))));
}
