using System.Runtime.Versioning;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

[Collection(CliCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class ShowUpgradeInfoCommandTests : IDisposable
{
    private readonly TempHome _home = CliHome.NewHome();
    private readonly CliHarness _cli;

    public ShowUpgradeInfoCommandTests() => _cli = CliHome.For(_home);

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task ShowUpgradeInfo_NoTrigger_SaysNoUpgradePendingAndExitsZero()
    {
        await _cli.InitAsync(_home);

        var text = await _cli.RunAsync("show-upgrade-info");
        var json = await _cli.RunAsync("show-upgrade-info", "--output", "json");

        var socket = Path.Combine(_home.Layout.DataDir, CliHome.DaemonName + ".ipc");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Equal(
            $"""
            trigger file: {_home.Layout.TriggerFile}
            upgrade:      none
            state:        no upgrade pending
            applied:      genesis
            schedule:     no upgrades scheduled
            chain head:   unknown: eth_blockNumber over ipc {socket} failed: no WEMIXVISOR_NODE_RPC and {socket} does not exist (the node creates it when it has started)

            """, text.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("none", document.RootElement.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("upgrade").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("binary").ValueKind);
        Assert.Equal(0, document.RootElement.GetProperty("schedule").GetProperty("upgrades").GetArrayLength());
        Assert.Equal(($"ipc {socket}", JsonValueKind.Null), (
            document.RootElement.GetProperty("chain").GetProperty("endpoint").GetString(),
            document.RootElement.GetProperty("chain").GetProperty("head").ValueKind));
    }

    [Fact]
    public async Task ShowUpgradeInfo_PendingWithoutBinary_SaysWhereTheBinaryMustGo()
    {
        // Arrange
        await _cli.InitAsync(_home);
        _home.WriteTrigger("""{"name":"v2","height":1000,"info":{"binaries":{}}}""");

        // Act
        var text = await _cli.RunAsync("show-upgrade-info");
        var json = await _cli.RunAsync("show-upgrade-info", "--output", "json");

        // Assert
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("upgrade:      v2 at height 1000\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("state:        pending\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"binary:       NOT in place: upgrade binary {_home.UpgradeBinary("v2")} does not exist; install the new binary there, for example with: wemixvisor add-upgrade v2 <path-to-binary>", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        var root = document.RootElement;
        Assert.Equal("pending", root.GetProperty("state").GetString());
        Assert.Equal("v2", root.GetProperty("upgrade").GetProperty("name").GetString());
        Assert.Equal(1000, root.GetProperty("upgrade").GetProperty("height").GetInt64());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("upgrade").GetProperty("info").GetProperty("binaries").ValueKind);
        Assert.Equal(_home.UpgradeBinary("v2"), root.GetProperty("binary").GetProperty("path").GetString());
        Assert.False(root.GetProperty("binary").GetProperty("in_place").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("applied").GetProperty("name").ValueKind);
    }

    [Fact]
    public async Task ShowUpgradeInfo_PendingAfterAddUpgrade_ShowsTheBinaryInPlace()
    {
        // Arrange
        await _cli.InitAsync(_home);
        _home.WriteTrigger("""{"name":"v2","height":"1000","time":"2026-01-02T03:04:05Z","info":"{\"binaries\":{}}"}""");
        Assert.Equal(0, (await _cli.RunAsync("add-upgrade", "v2", _home.Binary("node-v2", "echo v2"))).ExitCode);

        // Act
        var text = await _cli.RunAsync("show-upgrade-info");
        var json = await _cli.RunAsync("show-upgrade-info", "--output", "json");

        // Assert
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("upgrade:      v2 at height 1000 (time 2026-01-02T03:04:05Z)\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"binary:       in place: {_home.UpgradeBinary("v2")}\n", text.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        var root = document.RootElement;
        Assert.True(root.GetProperty("binary").GetProperty("in_place").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("binary").GetProperty("problem").ValueKind);
        // A Cosmos SDK node writes info as a string: it stays a string.
        Assert.Equal("{\"binaries\":{}}", root.GetProperty("upgrade").GetProperty("info").GetString());
    }

    [Fact]
    public async Task ShowUpgradeInfo_TriggerOfTheAppliedUpgrade_SaysApplied()
    {
        await _cli.InitAsync(_home);
        _home.ApplyUpgrade("v2", 1000);
        _home.WriteTrigger("""{"name":"v2","height":1000}""");

        var text = await _cli.RunAsync("show-upgrade-info");
        var json = await _cli.RunAsync("show-upgrade-info", "--output", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("state:        applied: current/upgrade-info.json names it: it is the running version\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("applied:      v2 at height 1000\n", text.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("applied", document.RootElement.GetProperty("state").GetString());
        Assert.Equal("v2", document.RootElement.GetProperty("applied").GetProperty("name").GetString());
        Assert.Equal(1000, document.RootElement.GetProperty("applied").GetProperty("height").GetInt64());
    }

    [Fact]
    public async Task ShowUpgradeInfo_OlderThanTheApplied_SaysOutdatedWithTheReason()
    {
        await _cli.InitAsync(_home);
        _home.ApplyUpgrade("v3", 2000);
        _home.WriteTrigger("""{"name":"v2","height":1000}""");

        var result = await _cli.RunAsync("show-upgrade-info");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("state:        outdated: height 1000 is not above the applied v3 at height 2000; wemixvisor never downgrades\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowUpgradeInfo_InvalidTrigger_GivesTheReasonAndExitsZero()
    {
        await _cli.InitAsync(_home);
        _home.WriteTrigger("""{"name":"v2"}""");

        var text = await _cli.RunAsync("show-upgrade-info");
        var json = await _cli.RunAsync("show-upgrade-info", "--output", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("state:        invalid: field \"height\" is missing\n", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("binary:", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("invalid", document.RootElement.GetProperty("state").GetString());
        Assert.Equal("field \"height\" is missing", document.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ShowUpgradeInfo_TruncatedTrigger_SaysIncomplete()
    {
        await _cli.InitAsync(_home);
        _home.WriteTrigger("""{"name":"v2","hei""");

        var result = await _cli.RunAsync("show-upgrade-info", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal("incomplete", document.RootElement.GetProperty("state").GetString());
        Assert.Equal("JSON ends early", document.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ShowUpgradeInfo_UnknownOutputFormat_ExitsTwo()
    {
        var result = await _cli.RunAsync("show-upgrade-info", "--output", "yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output \"yaml\": must be text or json", result.Stderr, StringComparison.Ordinal);
    }
}
