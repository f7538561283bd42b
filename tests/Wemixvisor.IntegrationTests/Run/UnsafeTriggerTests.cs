using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// Triggers that would make wemixvisor run or link something outside <c>upgrades/</c> are rejected with a log
/// line; the node keeps running and nothing outside <c>upgrades/</c> is executed or linked.
/// </summary>
[Collection("Processes")]
public sealed class UnsafeTriggerTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public UnsafeTriggerTests()
    {
        // A binary one level above upgrades/: what "../escape" would name.
        var escape = Path.Combine(_home.Layout.Root, "escape", "bin", _home.DaemonName);
        TempHome.WriteExecutable(escape, new FakeNode("escape").Script(_home.Home, _home.Timeline.Path));
        EscapeDirectory = Path.GetDirectoryName(Path.GetDirectoryName(escape))!;
    }

    private string EscapeDirectory { get; }

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData("v2/../../escape")]
    [InlineData("/tmp/escape")]
    [InlineData("-rf")]
    [InlineData(".hidden")]
    [InlineData("esc\u0000ape")]
    public async Task Run_TriggerNamesAnUnsafeUpgrade_RejectedWithALogLine_NodeKeepsRunning(string name)
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { TriggerJson = Trigger.Json(name, 5), TriggerPath = _home.Layout.TriggerFile });

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await run.WaitForOutput("The trigger file is invalid");
        var stillRunning = !run.Process.HasExited && !_home.Timeline.HasPrefix("genesis signal");
        run.Signal(Signals.Terminate);
        var exit = await run.WaitForExit();

        // Assert
        Assert.True(stillRunning, "the node kept running after the rejected trigger\n" + run.Describe());
        Assert.Contains("field \"name\"", run.Process.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        AssertNothingOutsideUpgradesRanOrWasLinked();
    }

    /// <param name="printfFormat">The file as a bash <c>printf</c> format: <c>\\</c> writes a backslash, <c>\365</c> the byte 0xF5.</param>
    [Theory]
    [InlineData("""{"name":"v\\ud800","height":5}""", "not valid JSON: Cannot read ")]
    [InlineData("""{"name":"v2","height":5,"info":{"note":"\\udc00"}}""", "not valid JSON: Cannot read ")]
    [InlineData("""{"name":"v\365","height":5}""", "not valid JSON: the file is not UTF-8 text")]
    public async Task Run_TriggerIsNotDecodableText_RejectedWithALogLine_NodeKeepsRunning(string printfFormat, string reason)
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis")
        {
            ExtraScript = $"printf {FakeNode.Quote(printfFormat)} > {FakeNode.Quote(_home.Layout.TriggerFile)}; note \"wrote trigger\"",
        });

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await run.WaitForOutput("The trigger file is invalid");
        var stillRunning = !run.Process.HasExited && !_home.Timeline.HasPrefix("genesis signal");
        run.Signal(Signals.Terminate);
        var exit = await run.WaitForExit();

        // Assert
        Assert.True(stillRunning, "the node kept running after the rejected trigger\n" + run.Describe());
        Assert.Contains($"The trigger file is invalid and is ignored until it changes: {reason}", run.Process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Process.Output(), StringComparison.Ordinal);
        Assert.Equal(0, exit);
        AssertNothingOutsideUpgradesRanOrWasLinked();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_UpgradeDirectoryOrBinaryIsASymlinkLeavingUpgrades_Blocked_NodeKeepsRunning(bool linkTheDirectory)
    {
        // Arrange: a safe name whose binary really lies outside upgrades/.
        var upgrade = Path.Combine(_home.Layout.UpgradesDir, "evil");
        if (linkTheDirectory)
        {
            File.CreateSymbolicLink(upgrade, Path.Combine("..", "escape"));
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(upgrade, "bin"));
            File.CreateSymbolicLink(Path.Combine(upgrade, "bin", _home.DaemonName), Path.Combine(EscapeDirectory, "bin", _home.DaemonName));
        }
        _home.WriteGenesis(new FakeNode("genesis") { TriggerJson = Trigger.Json("evil", 5), TriggerPath = _home.Layout.TriggerFile });

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await run.WaitForOutput("cannot proceed yet");
        var stillRunning = !run.Process.HasExited && !_home.Timeline.HasPrefix("genesis signal");
        run.Signal(Signals.Terminate);
        var exit = await run.WaitForExit();

        // Assert
        Assert.True(stillRunning, "the node kept running while the upgrade was refused\n" + run.Describe());
        Assert.Contains($"which is outside {_home.Layout.UpgradesDir}", run.Process.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Null(_home.Marker("evil"));
        AssertNothingOutsideUpgradesRanOrWasLinked(expectedLinks: 1);
    }

    private void AssertNothingOutsideUpgradesRanOrWasLinked(int expectedLinks = 0)
    {
        Assert.False(_home.Timeline.HasPrefix("escape "), _home.Timeline.Describe());
        Assert.Single(_home.Timeline.StartedPids("genesis"));
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        var links = Directory.EnumerateFileSystemEntries(_home.Home, "*", SearchOption.AllDirectories)
            .Where(path => new FileInfo(path).LinkTarget is not null && path != _home.Layout.Current)
            .ToList();
        Assert.Equal(expectedLinks, links.Count);
        Assert.False(_home.HasJournal());
        Assert.Empty(_home.Backups());
    }
}
