using System.Text;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Downloads;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>Upgrades whose binary the published wemixvisor downloads from a local server (Kestrel on 127.0.0.1).</summary>
[Collection("Processes")]
public sealed class DownloadUpgradeTests : IAsyncLifetime
{
    private readonly TempHome _home = TempHome.Create();
    private DownloadServer _server = null!;

    public async Task InitializeAsync() => _server = await DownloadServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    private static (string, string?) AllowDownloads => ("DAEMON_ALLOW_DOWNLOAD_BINARIES", "true");

    /// <summary>The v2 node's script, packed as a Cosmos release would be: <c>bin/$DAEMON_NAME</c> in a tar.gz.</summary>
    private byte[] V2Release() =>
        Archives.Tar(true, Archives.File("bin/" + _home.DaemonName, Encoding.UTF8.GetBytes(new FakeNode("v2").Script(_home.Home, _home.Timeline.Path))));

    /// <summary>A Cosmos SDK trigger: <c>info</c> is a JSON string holding the binaries map.</summary>
    private static string CosmosTrigger(string url, string checksum)
    {
        var info = JsonSerializer.Serialize(new { binaries = new Dictionary<string, string> { ["any"] = $"{url}?checksum={checksum}" } });
        return $$"""{"name":"v2","height":"5","info":{{JsonSerializer.Serialize(info)}}}""";
    }

    private FakeNode GenesisWriting(string trigger) => new("genesis") { TriggerJson = trigger, TriggerPath = _home.Layout.TriggerFile };

    [Fact]
    public async Task Run_CosmosTriggerWithBinariesMap_DownloadsVerifiesAndUpgrades()
    {
        // Arrange
        var release = V2Release();
        _server.Serve("/v2.tar.gz", release);
        _home.WriteGenesis(GenesisWriting(CosmosTrigger(_server.Url("/v2.tar.gz"), Archives.Sha256(release))));

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(AllowDownloads));
        await _home.Timeline.WaitForPrefix("v2 cwd=");

        // Assert: the old node was stopped only once the binary was in place.
        Assert.Equal(["/v2.tar.gz"], _server.Requests);
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Equal(("v2", 5L), _home.Marker("v2"));
        Assert.Contains("binary staged at " + _home.UpgradeBinary("v2"), run.Process.Output(), StringComparison.Ordinal);
        Assert.Single(_home.Timeline.StartedPids("genesis"));
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task Run_DownloadFailsFirst_OldNodeKeepsRunningThenRetryUpgrades()
    {
        // Arrange
        var release = V2Release();
        _server.FailFirst("/v2.tar.gz", failures: 1, release);
        _home.WriteGenesis(GenesisWriting(CosmosTrigger(_server.Url("/v2.tar.gz"), Archives.Sha256(release))));

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(AllowDownloads));
        await _home.Timeline.WaitForPrefix("v2 cwd=");

        // Assert
        Assert.Equal(["/v2.tar.gz", "/v2.tar.gz"], _server.Requests);
        var output = run.Process.Output();
        Assert.Contains("download from " + _server.Url("/v2.tar.gz") + " failed: the server answered 503 Service Unavailable; trying again in 2s", output, StringComparison.Ordinal);
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Single(_home.Timeline.StartedPids("genesis"));
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task Run_ChecksumMismatch_OldNodeKeepsRunningAndNoRetry()
    {
        // Arrange
        var release = V2Release();
        _server.Serve("/v2.tar.gz", release);
        _home.WriteGenesis(GenesisWriting(CosmosTrigger(_server.Url("/v2.tar.gz"), Archives.Sha256("something else"u8.ToArray()))));

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(AllowDownloads));
        await run.WaitForOutput("not tried again until the upgrade plan changes");

        // Assert
        Assert.Contains("checksum mismatch: expected sha256:", run.Process.Output(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_home.Layout.UpgradesDir, "v2")));
        Assert.Empty(_home.Timeline.Lines.Where(line => line.StartsWith("genesis signal", StringComparison.Ordinal)));
        Assert.Single(_server.Requests);
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task PrepareUpgrade_StagesAheadThenRunUpgradesWithoutTheServer()
    {
        // Arrange: the node halted at the upgrade height and left the trigger.
        var release = V2Release();
        _server.Serve("/v2.tar.gz", release);
        _home.WriteGenesis(new FakeNode("genesis"));
        _home.WriteTrigger(CosmosTrigger(_server.Url("/v2.tar.gz"), Archives.Sha256(release)));

        // Act 1: downloads need no DAEMON_ALLOW_DOWNLOAD_BINARIES here: the operator asked.
        var (code, prepare) = await RunningWemixvisor.RunToEndAsync(_home, ["prepare-upgrade"], RunEnvironment.Fast());
        await using (prepare)
        {
            Assert.Equal(0, code);
            Assert.Contains($"upgrade v2: binary staged at {_home.UpgradeBinary("v2")}", prepare.Process.Stdout, StringComparison.Ordinal);
        }
        await _server.DisposeAsync();

        // Act 2
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(AllowDownloads));
        await _home.Timeline.WaitForPrefix("v2 cwd=");

        // Assert
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.Empty(_home.Timeline.StartedPids("genesis"));
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task PrepareUpgrade_Failing_ExitsThreeWithTheReason()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis"));
        _home.WriteTrigger(CosmosTrigger(_server.Url("/missing.tar.gz"), Archives.Sha256([1])));

        // Act
        var (code, prepare) = await RunningWemixvisor.RunToEndAsync(_home, ["prepare-upgrade", "v2"], RunEnvironment.Fast());
        await using var _ = prepare;

        // Assert
        Assert.Equal(3, code);
        Assert.Contains("error: upgrade v2: the binary could not be staged: the server answered 404 Not Found", prepare.Process.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_home.Layout.UpgradesDir, "v2")));
    }

    [Fact]
    public async Task SigkillMidDownload_RunAgain_NoPartialBinaryIsEverRun()
    {
        // Arrange: a slow server, so that the kill lands mid-body.
        var padded = Archives.Tar(true,
            Archives.File("bin/" + _home.DaemonName, Encoding.UTF8.GetBytes(new FakeNode("v2").Script(_home.Home, _home.Timeline.Path))),
            Archives.File("share/padding", System.Security.Cryptography.RandomNumberGenerator.GetBytes(400_000), Archives.Executable));
        _server.Slow("/v2.tar.gz", padded, chunk: 8_192, pause: TimeSpan.FromMilliseconds(50));
        _home.WriteGenesis(GenesisWriting(CosmosTrigger(_server.Url("/v2.tar.gz"), Archives.Sha256(padded))));
        var partial = Path.Combine(_home.Layout.UpgradesDir, ".v2.partial");

        // Act 1: SIGKILL while the body arrives.
        await using (var first = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(AllowDownloads)))
        {
            await Eventually.Holds(() => File.Exists(partial) && new FileInfo(partial).Length > 16_384, "the download half done", TimeSpan.FromSeconds(20), first.Describe);
            first.Signal(Signals.Kill);
            await Eventually.Holds(() => first.Process.HasExited, "wemixvisor gone after SIGKILL", diagnostics: first.Describe);
        }
        Assert.False(File.Exists(_home.UpgradeBinary("v2")));
        Assert.Equal(Core.Layout.HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);

        // Act 2: the server is fast now.
        _server.Serve("/v2.tar.gz", padded);
        await using var second = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(AllowDownloads));
        await _home.Timeline.WaitForPrefix("v2 cwd=");

        // Assert
        Assert.Single(_home.Timeline.StartedPids("v2"));
        Assert.False(File.Exists(partial));
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        second.Signal(Signals.Terminate);
        Assert.Equal(0, await second.WaitForExit());
    }
}
