using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>Pre-upgrade hooks through the real `run`: the custom script and the new binary's `pre-upgrade` protocol.</summary>
[Collection("Processes")]
public sealed class PreUpgradeHookTests : IDisposable
{
    private const string DataFileText = "blocks 1..5\n";
    private const string NodeArgument = "--node";
    private readonly TempHome _home = TempHome.Create();

    public PreUpgradeHookTests()
    {
        File.WriteAllText(DataFile, DataFileText);
        _home.WriteGenesis(new FakeNode("genesis") { TriggerJson = Trigger.Json("v2", 5, """{"note":"hi"}"""), TriggerPath = _home.Layout.TriggerFile });
    }

    private string DataFile => Path.Combine(_home.Layout.DataDir, "chain.db");

    private string HookRecord => Path.Combine(_home.Home, "hook-record.txt");

    public void Dispose() => _home.Dispose();

    /// <summary>A custom pre-upgrade script that records what it got, appends to the data file, then exits with <paramref name="exitCode"/>.</summary>
    private string CustomScript(int exitCode) => TempHome.WriteExecutable(Path.Combine(_home.Home, "hooks", "custom-pre-upgrade"), $$"""
        #!/usr/bin/env bash
        {
          echo "args=$*"
          echo "cwd=$PWD"
          echo "UPGRADE_NAME=$UPGRADE_NAME"
          echo "UPGRADE_HEIGHT=$UPGRADE_HEIGHT"
          echo "UPGRADE_INFO=$UPGRADE_INFO"
          echo "DAEMON_HOME=$DAEMON_HOME"
          echo "DAEMON_NAME=$DAEMON_NAME"
          echo "DAEMON_DATA_DIR=$DAEMON_DATA_DIR"
        } > {{FakeNode.Quote(HookRecord)}}
        echo 'migrated by the hook' >> {{FakeNode.Quote(DataFile)}}
        echo "custom hook says hello"
        exit {{exitCode}}

        """);

    /// <summary>v2, whose <c>pre-upgrade</c> command answers the given codes in turn (appending to the data file each time).</summary>
    private void WriteV2AnsweringPreUpgrade(params int[] codes) => _home.WriteUpgrade("v2", new FakeNode("v2")
    {
        ExtraScript = $$"""
            if [ "$1" = pre-upgrade ]; then
              counter={{FakeNode.Quote(Path.Combine(_home.Home, "pre-upgrade-runs"))}}
              runs=$(( $(cat "$counter" 2>/dev/null || echo 0) + 1 )); echo "$runs" > "$counter"
              codes=({{string.Join(' ', codes)}})
              echo "pre-upgrade run $runs" >> {{FakeNode.Quote(DataFile)}}
              note "pre-upgrade run $runs exits ${codes[$((runs - 1))]}"
              exit "${codes[$((runs - 1))]}"
            fi
            """,
    });

    private Task<(int ExitCode, RunningWemixvisor Run)> RunUntilExit(params (string, string?)[] settings) =>
        RunningWemixvisor.RunToEndAsync(_home, ["run", "--", NodeArgument], RunEnvironment.Fast(settings), TimeSpan.FromSeconds(30));

    private async Task<RunningWemixvisor> RunUntilV2Runs(params (string, string?)[] settings)
    {
        var run = await RunningWemixvisor.StartAsync(_home, ["run", "--", NodeArgument], RunEnvironment.Fast(settings));
        await Eventually.Holds(() => V2NodeStarts() == 1, "v2 runs as the node", TimeSpan.FromSeconds(15), run.Describe);
        return run;
    }

    private int V2NodeStarts() => _home.Timeline.Lines.Count(line => line.StartsWith("v2 start pid=", StringComparison.Ordinal) && line.EndsWith($"args={NodeArgument}", StringComparison.Ordinal));

    private IReadOnlyList<string> PreUpgradeRuns() => _home.Timeline.Lines.Where(line => line.StartsWith("v2 pre-upgrade run", StringComparison.Ordinal)).ToList();

    private void AssertFailedAndRestored(int exit, RunningWemixvisor run)
    {
        Assert.True(exit == 3, $"exit code {exit}, expected 3\n{run.Describe()}");
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        Assert.Null(_home.Marker("v2"));
        Assert.Equal(DataFileText, File.ReadAllText(DataFile));
        Assert.Contains("the data was restored from the backup", run.Process.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, V2NodeStarts());
        Assert.Single(_home.Timeline.StartedPids("genesis"));
        Assert.Empty(_home.LiveNodeProcesses());
    }

    [Fact]
    public async Task Run_CustomScript_GetsNameHeightAndVariables_ThenUpgraded()
    {
        // Arrange
        WriteV2AnsweringPreUpgrade();
        var script = CustomScript(exitCode: 0);

        // Act
        await using var run = await RunUntilV2Runs(("WEMIXVISOR_CUSTOM_PREUPGRADE", script));

        // Assert
        Assert.Equal(
            [
                "args=v2 5",
                $"cwd={_home.Home}",
                "UPGRADE_NAME=v2",
                "UPGRADE_HEIGHT=5",
                """UPGRADE_INFO={"note":"hi"}""",
                $"DAEMON_HOME={_home.Home}",
                $"DAEMON_NAME={_home.DaemonName}",
                $"DAEMON_DATA_DIR={_home.Layout.DataDir}",
            ],
            File.ReadAllLines(HookRecord));
        Assert.Contains("[custom-pre-upgrade] custom hook says hello", run.Process.Stderr, StringComparison.Ordinal);
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(DataFileText + "migrated by the hook\n", File.ReadAllText(DataFile));
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task Run_CustomScriptModifiesDataAndFails_Exit3_CurrentUnchanged_DataRestored()
    {
        WriteV2AnsweringPreUpgrade();
        var script = CustomScript(exitCode: 1);

        var (exit, run) = await RunUntilExit(("WEMIXVISOR_CUSTOM_PREUPGRADE", script));
        await using var _ = run;

        Assert.True(File.Exists(HookRecord), "the script ran");
        AssertFailedAndRestored(exit, run);
    }

    [Fact]
    public async Task Run_BinaryPreUpgradeAnswersNotSupported_Upgraded()
    {
        WriteV2AnsweringPreUpgrade(1);

        await using var run = await RunUntilV2Runs(("WEMIXVISOR_PREUPGRADE_BINARY", "true"));

        Assert.Equal(["v2 pre-upgrade run 1 exits 1"], PreUpgradeRuns());
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task Run_BinaryPreUpgradeFails30_Exit3_CurrentUnchanged_DataRestored()
    {
        WriteV2AnsweringPreUpgrade(30);

        var (exit, run) = await RunUntilExit(("WEMIXVISOR_PREUPGRADE_BINARY", "true"));
        await using var _ = run;

        Assert.Equal(["v2 pre-upgrade run 1 exits 30"], PreUpgradeRuns());
        AssertFailedAndRestored(exit, run);
    }

    [Fact]
    public async Task Run_BinaryPreUpgradeAsksForARetryOnceWithOneRetryAllowed_RunAgainAndUpgraded()
    {
        WriteV2AnsweringPreUpgrade(31, 0);

        await using var run = await RunUntilV2Runs(("WEMIXVISOR_PREUPGRADE_BINARY", "true"), ("DAEMON_PREUPGRADE_MAX_RETRIES", "1"));

        Assert.Equal(["v2 pre-upgrade run 1 exits 31", "v2 pre-upgrade run 2 exits 0"], PreUpgradeRuns());
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task Run_BinaryPreUpgradeAsksForARetryTwiceWithOneRetryAllowed_Exit3_DataRestored()
    {
        WriteV2AnsweringPreUpgrade(31, 31, 0);

        var (exit, run) = await RunUntilExit(("WEMIXVISOR_PREUPGRADE_BINARY", "true"), ("DAEMON_PREUPGRADE_MAX_RETRIES", "1"));
        await using var _ = run;

        Assert.Equal(["v2 pre-upgrade run 1 exits 31", "v2 pre-upgrade run 2 exits 31"], PreUpgradeRuns());
        AssertFailedAndRestored(exit, run);
    }
}
