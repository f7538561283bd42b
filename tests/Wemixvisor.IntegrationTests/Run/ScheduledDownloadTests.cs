using System.Globalization;
using System.Text;
using Wemixvisor.IntegrationTests.Downloads;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// A height-scheduled upgrade of a real EVM node (anvil) whose binary the schedule names as a URL: the published
/// wemixvisor downloads it from a local server (Kestrel on 127.0.0.1) while the old node runs, long before the
/// switch point H − margin, and then switches there as for a binary installed by hand.
/// </summary>
[Collection("Processes")]
public sealed class ScheduledDownloadTests : IAsyncLifetime
{
    private const string DaemonName = "evmnode";
    private const string Upgrade = "v2";
    private const string ServedPath = "/evmnode-v2";
    private static readonly TimeSpan ChainTimeout = TimeSpan.FromSeconds(60);
    private readonly TempHome _home = TempHome.Create(DaemonName);
    private DownloadServer _server = null!;

    public async Task InitializeAsync() => _server = await DownloadServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    private string StateFile => Path.Combine(_home.Layout.DataDir, "state.json");

    private string VersionsLog => Path.Combine(_home.Home, "versions.log");

    private string ScheduleFile => Path.Combine(_home.Layout.Root, "schedule.json");

    [Fact]
    public async Task Run_UpgradeScheduledAtHeightWithDownloadUrl_BinaryFetchedOnceBeforeSwitchPoint_V2StartsWithinMarginBeforeHeight_EntryApplied()
    {
        // Arrange: the served "binary" is v2's wrapper script itself, checksummed in the URL as an operator would.
        const int margin = 3;
        const int lead = 15;
        var anvil = await AnvilBinary.PathAsync();
        using var rpc = new AnvilRpc(AnvilRpc.FreePort());
        TempHome.WriteExecutable(_home.Layout.GenesisBinary, AnvilScript(anvil, "genesis", rpc.Port));
        var v2 = Encoding.UTF8.GetBytes(AnvilScript(anvil, Upgrade, rpc.Port));
        _server.Serve(ServedPath, v2);
        var url = $"{_server.Url(ServedPath)}?checksum={Archives.Sha256(v2)}";
        var binary = _home.UpgradeBinary(Upgrade);
        var environment = UpgradeSchedule.Environment(
            ("DAEMON_ALLOW_DOWNLOAD_BINARIES", "true"),
            ("WEMIXVISOR_NODE_RPC", $"http://127.0.0.1:{rpc.Port}"),
            ("WEMIXVISOR_SWITCH_MARGIN", margin.ToString(CultureInfo.InvariantCulture)));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], environment);
        var diagnostics = Diagnostics(run);
        var head = await rpc.WaitForHeightWhileRunning(run, 2, ChainTimeout, diagnostics);
        var height = head + lead;
        var switchPoint = height - margin;

        // Act
        // add-upgrade only records the URL; run, watching the schedule, may fetch it before the command has returned.
        await UpgradeSchedule.Add(_home, environment, Upgrade, url, height);
        await ChainWaits.WhileRunning(run, () => File.Exists(binary), $"{binary} downloaded", ChainTimeout, diagnostics);
        var versionsWhenStaged = Versions();
        var headWhenStaged = await rpc.WaitForHeightWhileRunning(run, 0, ChainTimeout, diagnostics);
        await ChainWaits.WhileRunning(run, () => Versions().Contains(Upgrade), "v2 started", ChainTimeout, diagnostics);
        var firstUnderV2 = await rpc.FirstAnswer(run, ChainTimeout, diagnostics);
        await rpc.WaitForHeightWhileRunning(run, height + 1, ChainTimeout, diagnostics);
        var entry = await UpgradeSchedule.WaitForEntry(_home, environment, Upgrade, listed => listed.Status == UpgradeSchedule.Applied,
            $"status {UpgradeSchedule.Applied}", ChainTimeout, diagnostics);

        // Assert: fetched ahead (genesis alone ran and the chain was short of the switch point), once, intact.
        Assert.Equal(["genesis"], versionsWhenStaged);
        Assert.True(headWhenStaged < switchPoint,
            $"the binary was in place at head {headWhenStaged}, expected before the switch point {switchPoint} (H = {height}, margin {margin}, added at head {head})\n{diagnostics()}");
        Assert.Equal([ServedPath], _server.Requests);
        Assert.Equal(v2, File.ReadAllBytes(binary));
        Assert.Contains($"binary staged at {binary}", run.Process.Output(), StringComparison.Ordinal);

        // Assert: the switch itself as for a binary installed by hand.
        Assert.True(firstUnderV2 >= switchPoint - 1 && firstUnderV2 <= height - 1,
            $"the first head v2 served is {firstUnderV2}, expected in [{switchPoint - 1}, {height - 1}] for H = {height}, margin {margin}\n{diagnostics()}");
        Assert.Equal(["genesis", Upgrade], Versions());
        Assert.Equal(HomeInspection.UpgradeTarget(Upgrade), _home.CurrentTarget);
        Assert.Equal(height, entry.Height);
    }

    private string AnvilScript(string anvil, string version, int port) => $"""
        #!/usr/bin/env bash
        echo "{version} pid=$$" >> {FakeNode.Quote(VersionsLog)}
        exec {FakeNode.Quote(anvil)} --state {FakeNode.Quote(StateFile)} --block-time 1 --port {port} --silent

        """;

    /// <summary>The versions started so far, in order.</summary>
    private IReadOnlyList<string> Versions() =>
        (File.Exists(VersionsLog) ? File.ReadAllLines(VersionsLog) : []).Select(line => line.Split(' ')[0]).ToList();

    private Func<string> Diagnostics(RunningWemixvisor run) => () =>
        $"{run.Describe()}\n--- {VersionsLog}:\n{(File.Exists(VersionsLog) ? File.ReadAllText(VersionsLog) : "(absent)")}" +
        $"\n--- {ScheduleFile}:\n{(File.Exists(ScheduleFile) ? File.ReadAllText(ScheduleFile) : "(absent)")}" +
        $"\n--- requests: {string.Join(", ", _server.Requests)}";
}
