using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Status;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

[Collection(CliCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class StatusCommandTests : IDisposable
{
    private readonly TempHome _home = CliHome.NewHome();
    private readonly CliHarness _cli;

    public StatusCommandTests() => _cli = CliHome.For(_home);

    public void Dispose() => _home.Dispose();

    /// <summary>The node's default RPC socket, where status looks for the chain head when no endpoint is configured.</summary>
    private string Socket => Path.Combine(_home.Layout.DataDir, CliHome.DaemonName + ".ipc");

    [Fact]
    public async Task Status_FreshHomeNothingRunning_ReportsEachPart()
    {
        await _cli.InitAsync(_home);

        var result = await _cli.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            $"""
            home:         {_home.Home}
            current:      genesis ({Path.Combine(_home.Layout.Root, "genesis")})
            applied:      genesis
            upgrade:      no upgrade pending
            schedule:     no upgrades scheduled
            chain head:   unknown: eth_blockNumber over ipc {Socket} failed: no WEMIXVISOR_NODE_RPC and {Socket} does not exist (the node creates it when it has started)
            wemixvisor:   not running
            node:         not running
            last backup:  none in {_home.Layout.BackupDir}

            """, result.Stdout);
    }

    [Fact]
    public async Task Status_Json_AppliedUpgradeWithPendingOneAndBackup()
    {
        // Arrange
        await _cli.InitAsync(_home);
        _home.ApplyUpgrade("v2", 1000);
        _home.WriteTrigger("""{"name":"v3","height":2000}""");
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "state"), "some chain data");
        var backup = await _cli.RunAsync("backup", "create");
        Assert.True(backup.ExitCode == 0, backup.ToString());

        // Act
        var result = await _cli.RunAsync("status", "--output", "json");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal(_home.Home, root.GetProperty("home").GetString());
        Assert.Equal("upgrades/v2", root.GetProperty("current").GetProperty("target").GetString());
        Assert.Equal(Path.Combine(_home.Layout.Root, "upgrades", "v2"), root.GetProperty("current").GetProperty("resolved").GetString());
        Assert.Equal("v2", root.GetProperty("applied").GetProperty("name").GetString());
        var upgrade = root.GetProperty("upgrade");
        Assert.Equal(("pending", "v3", false), (
            upgrade.GetProperty("state").GetString(),
            upgrade.GetProperty("upgrade").GetProperty("name").GetString(),
            upgrade.GetProperty("binary").GetProperty("in_place").GetBoolean()));
        Assert.False(root.GetProperty("wemixvisor").GetProperty("running").GetBoolean());
        Assert.False(root.GetProperty("node").GetProperty("running").GetBoolean());
        var last = root.GetProperty("last_backup");
        Assert.EndsWith("-manual", last.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(new FileInfo(Path.Combine(_home.Layout.DataDir, "state")).Length + new FileInfo(_home.Layout.TriggerFile).Length, last.GetProperty("total_bytes").GetInt64());
    }

    [Fact]
    public async Task Status_Text_PendingUpgradeAndLastBackup()
    {
        await _cli.InitAsync(_home);
        _home.WriteTrigger("""{"name":"v2","height":1000}""");
        Assert.Equal(0, (await _cli.RunAsync("add-upgrade", "v2", _home.Binary("node-v2", "echo v2"))).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("backup", "create")).ExitCode);

        var result = await _cli.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"upgrade:      v2 at height 1000, pending; binary in place: {_home.UpgradeBinary("v2")}\n", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^last backup:  \d{8}T\d{6}Z-manual \(manual, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, \d+ bytes\)$", result.Stdout);
    }

    [Fact]
    public async Task Status_HomeNotInitialised_SaysSoAndExitsZero()
    {
        var result = await _cli.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"current:      {_home.Layout.Current} does not exist: run `wemixvisor init <path-to-binary>` first\n", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_home.Home), "status must not create anything");
    }

    [Fact]
    public async Task Status_LockFileNamesALiveProcessThatDoesNotHoldTheLock_IsNotRunning()
    {
        // Arrange: a lock file left by a wemixvisor that ended, whose pid now belongs to another process (this one).
        await _cli.InitAsync(_home);
        File.WriteAllText(_home.Layout.LockFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        File.WriteAllText(RunStatus.PathIn(_home.Layout),
            $$"""{"pid":{{Environment.ProcessId}},"startedAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:04:05Z","restarts":7}""");

        // Act
        var result = await _cli.RunAsync("status", "--output", "json");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var wemixvisor = document.RootElement.GetProperty("wemixvisor");
        Assert.False(wemixvisor.GetProperty("running").GetBoolean());
        Assert.Equal(JsonValueKind.Null, wemixvisor.GetProperty("restarts").ValueKind);
    }

    [Fact]
    public async Task Status_LockFileOfADeadProcess_IsNotRunning()
    {
        await _cli.InitAsync(_home);
        File.WriteAllText(_home.Layout.LockFile, "999999999\n");

        var result = await _cli.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("wemixvisor:   not running\n", result.Stdout, StringComparison.Ordinal);
    }

    private void KeepProbationOfV2(bool scheduled)
    {
        var v2 = new Core.Upgrades.UpgradeInfo(Core.Layout.UpgradeName.Parse("v2"), 1000, null, "");
        new Wemixvisor.Platform.Switching.ProbationJournal(_home.Layout, Microsoft.Extensions.Logging.Abstractions.NullLogger<Wemixvisor.Platform.Switching.ProbationJournal>.Instance)
            .Keep(new Core.Supervision.ProbationRecord(v2, Core.Upgrades.AppliedUpgrade.Genesis, BackupTaken: true, Scheduled: scheduled, ByRpc: scheduled, Baseline: scheduled ? 990 : null));
    }

    [Fact]
    public async Task Status_ProbationLeftByAStoppedWemixvisor_SaysWhatHappensNext()
    {
        await _cli.InitAsync(_home);
        _home.ApplyUpgrade("v2", 1000);
        KeepProbationOfV2(scheduled: true);

        var result = await _cli.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith(
            "probation:    upgrade v2 (height 1000) has not shown yet that it works; if it fails first, it is rolled back to genesis while the chain is below 1000; the next `wemixvisor run` resumes the probation\n",
            result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_Probation()
    {
        await _cli.InitAsync(_home);
        _home.ApplyUpgrade("v2", 1000);
        KeepProbationOfV2(scheduled: false);

        var result = await _cli.RunAsync("status", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var probation = document.RootElement.GetProperty("probation");
        Assert.Equal(("v2", 1000L, JsonValueKind.Null, 0L), (
            probation.GetProperty("upgrade").GetString(),
            probation.GetProperty("height").GetInt64(),
            probation.GetProperty("previous").ValueKind,
            probation.GetProperty("previous_height").GetInt64()));
        Assert.Equal((true, false, false, JsonValueKind.Null), (
            probation.GetProperty("backup_taken").GetBoolean(),
            probation.GetProperty("scheduled").GetBoolean(),
            probation.GetProperty("ready_by_rpc").GetBoolean(),
            probation.GetProperty("baseline_height").ValueKind));
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("probation_problem").ValueKind);
    }

    [Fact]
    public async Task Status_NoProbation_NoLine_JsonNull()
    {
        await _cli.InitAsync(_home);

        var text = await _cli.RunAsync("status");
        var json = await _cli.RunAsync("status", "--output", "json");

        Assert.DoesNotContain("probation", text.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("probation").ValueKind);
    }

    [Fact]
    public async Task Status_ProbationRecordUnreadable_SaysSoNamingTheFile_ExitsZero()
    {
        await _cli.InitAsync(_home);
        File.WriteAllText(_home.Layout.ProbationFile, "{not json");

        var result = await _cli.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"probation:    {_home.Layout.ProbationFile} cannot be read: ", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(_home.Layout.ProbationFile), "status changes nothing");
    }
}
