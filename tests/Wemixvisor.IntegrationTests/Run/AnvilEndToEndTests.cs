using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// A real EVM node that nobody here wrote: anvil, upgraded from genesis to v2 by the published wemixvisor.
/// Both versions are scripts that exec anvil on the same state file and port, so the chain must continue.
/// </summary>
[Collection("Processes")]
public sealed class AnvilEndToEndTests : IDisposable
{
    private const string DaemonName = "evmnode";
    private static readonly TimeSpan ChainTimeout = TimeSpan.FromSeconds(30);
    private readonly TempHome _home = TempHome.Create(DaemonName);

    public void Dispose() => _home.Dispose();

    private string StateFile => Path.Combine(_home.Layout.DataDir, "state.json");

    private string VersionsLog => Path.Combine(_home.Home, "versions.log");

    private string NodeScript(string anvil, string version, int port) => $"""
        #!/usr/bin/env bash
        echo "{version} pid=$$" >> {FakeNode.Quote(VersionsLog)}
        exec {FakeNode.Quote(anvil)} --state {FakeNode.Quote(StateFile)} --block-time 1 --port {port} --silent

        """;

    [Fact]
    public async Task Run_AnvilUpgradedFromGenesisToV2_StoppedGracefully_BackedUp_ChainContinues_ThenCleanStop()
    {
        // Arrange
        var anvil = await AnvilBinary.PathAsync();
        using var rpc = new AnvilRpc(AnvilRpc.FreePort());
        TempHome.WriteExecutable(_home.Layout.GenesisBinary, NodeScript(anvil, "genesis", rpc.Port));
        TempHome.WriteExecutable(Path.Combine(_home.Layout.UpgradesDir, "v2", "bin", DaemonName), NodeScript(anvil, "v2", rpc.Port));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(("DAEMON_SHUTDOWN_GRACE", "10s")));
        await rpc.WaitForHeight(3, ChainTimeout, run.Describe);
        var stateWrittenBeforeStop = File.Exists(StateFile);

        // Act 1: the upgrade, at the height the chain has reached.
        var heightBefore = (await rpc.BlockNumber())!.Value;
        _home.WriteTrigger(Trigger.Json("v2", heightBefore));
        await Eventually.Holds(() => File.Exists(VersionsLog) && File.ReadAllText(VersionsLog).Contains("v2 pid=", StringComparison.Ordinal),
            "v2 started", ChainTimeout, run.Describe);
        var heightAfter = await rpc.WaitForHeight(heightBefore, ChainTimeout, run.Describe);

        // Assert 1: genesis stopped on SIGTERM alone and wrote its state; the backup holds it; v2 continues the chain.
        Assert.False(stateWrittenBeforeStop, "anvil writes its state file only when it stops");
        var stderr = run.Process.Stderr;
        Assert.Contains("ended: exit code 0", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Sending Quit", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Sending Kill", stderr, StringComparison.Ordinal);
        Assert.True(new FileInfo(StateFile).Length > 100, $"{StateFile} holds the chain state");
        var backup = Assert.Single(_home.Backups());
        var backedUpState = new FileInfo(Path.Combine(backup, "data", "state.json"));
        Assert.True(backedUpState.Exists && backedUpState.Length > 100, $"{backedUpState.FullName} holds the state anvil wrote when it stopped");
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", heightBefore), _home.Marker("v2"));
        Assert.True(heightAfter >= heightBefore, $"v2 is at height {heightAfter}, genesis was at {heightBefore}");

        // Act 2
        run.Signal(Signals.Terminate);
        var exit = await run.WaitForExit(ChainTimeout);

        // Assert 2
        Assert.True(exit == 0, $"exit code {exit}\n{run.Describe()}");
        Assert.True(rpc.PortIsFree(), $"port {rpc.Port} is free again");
        Assert.Empty(_home.LiveNodeProcesses());
        Assert.Equal(["genesis", "v2"], File.ReadAllLines(VersionsLog).Select(line => line.Split(' ')[0]));
    }
}
