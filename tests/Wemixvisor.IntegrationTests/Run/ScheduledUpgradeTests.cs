using System.Globalization;
using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// Height-scheduled upgrades of a real EVM node (anvil) by the published wemixvisor, which reads the chain head
/// over the node's RPC. anvil has no istanbul namespace: validator slot 0, so the switch point is H − margin.
/// Every node version is a script that logs "&lt;version&gt; pid=N" to versions.log and then execs its node.
/// </summary>
[Collection("Processes")]
public sealed class ScheduledUpgradeTests : IDisposable
{
    private const string DaemonName = "evmnode";
    private const string Upgrade = "v2";
    private static readonly TimeSpan ChainTimeout = TimeSpan.FromSeconds(60);
    private readonly TempHome _home = TempHome.Create(DaemonName);

    public void Dispose() => _home.Dispose();

    private string StateFile => Path.Combine(_home.Layout.DataDir, "state.json");

    /// <summary>The default RPC endpoint: <c>$DAEMON_DATA_DIR/$DAEMON_NAME.ipc</c>.</summary>
    private string DefaultSocket => Path.Combine(_home.Layout.DataDir, DaemonName + ".ipc");

    private string WrittenByV2 => Path.Combine(_home.Layout.DataDir, "written-by-v2");

    private string VersionsLog => Path.Combine(_home.Home, "versions.log");

    private string ScheduleFile => Path.Combine(_home.Layout.Root, "schedule.json");

    [Fact]
    public Task Run_UpgradeScheduledAtHeightOverHttpRpc_V2StartsWithinMarginBeforeHeight_ChainPassesHeightUnderV2_EntryApplied() =>
        SwitchesAtTheSwitchPoint(overIpc: false);

    [Fact]
    public Task Run_UpgradeScheduledAtHeightOverDefaultIpcSocket_V2StartsWithinMarginBeforeHeight_ChainPassesHeightUnderV2_EntryApplied() =>
        SwitchesAtTheSwitchPoint(overIpc: true);

    private async Task SwitchesAtTheSwitchPoint(bool overIpc)
    {
        // Arrange: over IPC no endpoint is configured; the node's socket in the data dir is the default.
        const int margin = 3;
        var anvil = await AnvilBinary.PathAsync();
        using var rpc = new AnvilRpc(AnvilRpc.FreePort());
        TempHome.WriteExecutable(_home.Layout.GenesisBinary, AnvilScript(anvil, "genesis", rpc.Port, overIpc));
        var staged = Stage(AnvilScript(anvil, Upgrade, rpc.Port, overIpc));
        var environment = UpgradeSchedule.Environment(
            ("WEMIXVISOR_NODE_RPC", overIpc ? null : $"http://127.0.0.1:{rpc.Port}"),
            ("WEMIXVISOR_SWITCH_MARGIN", margin.ToString(CultureInfo.InvariantCulture)));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], environment);
        var diagnostics = Diagnostics(run);
        var head = await rpc.WaitForHeightWhileRunning(run, 2, ChainTimeout, diagnostics);
        if (overIpc)
        {
            Assert.True(File.Exists(DefaultSocket), $"anvil serves its socket at {DefaultSocket}\n{diagnostics()}");
        }
        var height = head + 10;

        // Act
        await UpgradeSchedule.Add(_home, environment, Upgrade, staged, height);
        await ChainWaits.WhileRunning(run, () => Versions().Contains(Upgrade), "v2 started", ChainTimeout, diagnostics);
        var firstUnderV2 = await rpc.FirstAnswer(run, ChainTimeout, diagnostics);
        await rpc.WaitForHeightWhileRunning(run, height + 1, ChainTimeout, diagnostics);
        var v2StillRuns = ProcessTable.IsAlive(StartedPid(1));
        var entry = await UpgradeSchedule.WaitForEntry(_home, environment, Upgrade, listed => listed.Status == UpgradeSchedule.Applied,
            $"status {UpgradeSchedule.Applied}", ChainTimeout, diagnostics);

        // Assert: v2 took over between the switch point and H, and H was mined by v2.
        Assert.True(firstUnderV2 >= height - margin - 1 && firstUnderV2 <= height - 1,
            $"the first head v2 served is {firstUnderV2}, expected in [{height - margin - 1}, {height - 1}] for H = {height}, margin {margin}\n{diagnostics()}");
        Assert.Equal(["genesis", Upgrade], Versions());
        Assert.True(v2StillRuns, $"v2 (pid {StartedPid(1)}) still ran when the chain passed H\n{diagnostics()}");
        Assert.Equal(HomeInspection.UpgradeTarget(Upgrade), _home.CurrentTarget);
        Assert.Equal(height, entry.Height);
    }

    [Fact]
    public async Task Run_ScheduledV2NeverBecomesReady_RolledBackBeforeHeight_GenesisRunsAgainOnRestoredData_EntryRolledBackWithReason()
    {
        // Arrange: v2 spoils the data, then neither answers RPC nor exits.
        const int margin = 20;
        var anvil = await AnvilBinary.PathAsync();
        using var rpc = new AnvilRpc(AnvilRpc.FreePort());
        TempHome.WriteExecutable(_home.Layout.GenesisBinary, AnvilScript(anvil, "genesis", rpc.Port));
        var staged = Stage($"""
            #!/usr/bin/env bash
            echo "{Upgrade} pid=$$" >> {FakeNode.Quote(VersionsLog)}
            printf 'written by v2' > {FakeNode.Quote(StateFile)}
            touch {FakeNode.Quote(WrittenByV2)}
            exec sleep 1000000

            """);
        var environment = UpgradeSchedule.Environment(
            ("WEMIXVISOR_NODE_RPC", $"http://127.0.0.1:{rpc.Port}"),
            ("WEMIXVISOR_SWITCH_MARGIN", margin.ToString(CultureInfo.InvariantCulture)),
            ("WEMIXVISOR_READY_TIMEOUT", "5s"));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], environment);
        var diagnostics = Diagnostics(run);
        var head = await rpc.WaitForHeightWhileRunning(run, 2, ChainTimeout, diagnostics);
        var height = head + 30;

        // Act
        await UpgradeSchedule.Add(_home, environment, Upgrade, staged, height);
        await ChainWaits.WhileRunning(run, () => Versions().Count >= 3, "genesis started again after v2", ChainTimeout, diagnostics);
        var firstAfterRollback = await rpc.FirstAnswer(run, ChainTimeout, diagnostics);
        var entry = await UpgradeSchedule.WaitForEntry(_home, environment, Upgrade,
            listed => listed.Status is UpgradeSchedule.RolledBack or UpgradeSchedule.Failed,
            $"status {UpgradeSchedule.RolledBack} or {UpgradeSchedule.Failed}", ChainTimeout, diagnostics);
        var headWhenRolledBack = await rpc.FirstAnswer(run, ChainTimeout, diagnostics);
        // anvil writes its state file only when it stops: until then it is the file the restore put there.
        var restoredState = File.ReadAllBytes(StateFile);
        var movedOn = await rpc.WaitForHeightWhileRunning(run, headWhenRolledBack + 2, ChainTimeout, diagnostics);

        // Assert
        Assert.Equal(["genesis", Upgrade, "genesis"], Versions());
        Assert.True(ProcessTable.IsAlive(StartedPid(2)), $"genesis runs again (pid {StartedPid(2)})\n{diagnostics()}");
        Assert.True(firstAfterRollback < height && headWhenRolledBack < height,
            $"genesis came back at {firstAfterRollback}, the head was {headWhenRolledBack} when the rollback completed: both below H = {height}\n{diagnostics()}");
        Assert.True(movedOn >= headWhenRolledBack + 2, "the chain keeps going under genesis");
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        var backup = Assert.Single(_home.Backups(), directory => Path.GetFileName(directory).EndsWith("-" + Upgrade, StringComparison.Ordinal));
        var backedUpState = File.ReadAllBytes(Path.Combine(backup, "data", "state.json"));
        Assert.True(backedUpState.Length > 100, $"the backup holds the state genesis wrote when it stopped ({backedUpState.Length} bytes)");
        Assert.Equal(backedUpState, restoredState);
        Assert.False(File.Exists(WrittenByV2), $"{WrittenByV2}, written by v2, is gone with the restore");
        Assert.Equal(height, entry.Height);
        Assert.False(string.IsNullOrWhiteSpace(entry.Reason), $"the {entry.Status} entry gives a reason: {entry}");
        Assert.Contains(Lines(run.Process.Stderr), line => line.Contains(" ERROR ", StringComparison.Ordinal) && line.Contains("roll", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Run_NodeRpcUnreachable_ScheduledUpgradeDue_NothingSwitches_GenesisLeftAlone()
    {
        // Arrange: anvil serves on one port, wemixvisor is told to read the head on another, where nothing listens.
        var anvil = await AnvilBinary.PathAsync();
        using var rpc = new AnvilRpc(AnvilRpc.FreePort());
        var unusedPort = AnvilRpc.FreePort();
        while (unusedPort == rpc.Port)
        {
            unusedPort = AnvilRpc.FreePort();
        }
        var endpoint = $"127.0.0.1:{unusedPort}";
        TempHome.WriteExecutable(_home.Layout.GenesisBinary, AnvilScript(anvil, "genesis", rpc.Port));
        TempHome.WriteExecutable(Path.Combine(_home.Layout.UpgradesDir, Upgrade, "bin", DaemonName), AnvilScript(anvil, Upgrade, rpc.Port));
        var environment = UpgradeSchedule.Environment(("WEMIXVISOR_NODE_RPC", $"http://{endpoint}"));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], environment);
        var diagnostics = Diagnostics(run);
        var head = await rpc.WaitForHeightWhileRunning(run, 2, ChainTimeout, diagnostics);
        var genesisPid = StartedPid(0);

        // Act: with the default margin of 20 this upgrade is due at once, if only the head could be read.
        await UpgradeSchedule.Add(_home, environment, Upgrade, binary: null, head + 5);
        await ChainWaits.WhileRunning(run, () => run.Process.Stderr.Contains(endpoint, StringComparison.Ordinal),
            $"a log line naming {endpoint}", ChainTimeout, diagnostics);
        // Then many more polls (200 ms each): three blocks of the real chain.
        var noticedAt = await rpc.WaitForHeightWhileRunning(run, 0, ChainTimeout, diagnostics);
        await rpc.WaitForHeightWhileRunning(run, noticedAt + 3, ChainTimeout, diagnostics);
        var entry = Assert.Single(await UpgradeSchedule.List(_home, environment), listed => listed.Name == Upgrade);

        // Assert
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        Assert.Equal(["genesis"], Versions());
        Assert.True(ProcessTable.IsAlive(genesisPid), $"genesis (pid {genesisPid}) still runs\n{diagnostics()}");
        Assert.Empty(_home.Backups());
        Assert.Equal(UpgradeSchedule.Pending, entry.Status);
    }

    private string AnvilScript(string anvil, string version, int port, bool overIpc = false)
    {
        var ipc = overIpc ? $" --ipc {FakeNode.Quote(DefaultSocket)}" : "";
        return $"""
            #!/usr/bin/env bash
            echo "{version} pid=$$" >> {FakeNode.Quote(VersionsLog)}
            exec {FakeNode.Quote(anvil)} --state {FakeNode.Quote(StateFile)} --block-time 1 --port {port}{ipc} --silent

            """;
    }

    /// <summary>Writes the new binary outside the home's layout, for <c>add-upgrade</c> to install; returns its path.</summary>
    private string Stage(string script) => TempHome.WriteExecutable(Path.Combine(_home.Home, "staged", Upgrade, DaemonName), script);

    /// <summary>The versions started so far, in order.</summary>
    private IReadOnlyList<string> Versions() => VersionLines().Select(line => line.Split(' ')[0]).ToList();

    /// <summary>The pid of the <paramref name="index"/>-th start (exec keeps it: the node's own pid).</summary>
    private int StartedPid(int index) =>
        int.Parse(VersionLines()[index].Split(' ')[1]["pid=".Length..], CultureInfo.InvariantCulture);

    private string[] VersionLines() => File.Exists(VersionsLog) ? File.ReadAllLines(VersionsLog) : [];

    private Func<string> Diagnostics(RunningWemixvisor run) => () =>
        $"{run.Describe()}\n--- {VersionsLog}:\n{string.Join("\n", VersionLines())}\n--- {ScheduleFile}:\n{(File.Exists(ScheduleFile) ? File.ReadAllText(ScheduleFile) : "(absent)")}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
