using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary><c>run</c> and a schedule file or node RPC setting it cannot use: at start exit 2 naming it; while running, one error per bad version.</summary>
[Collection("Processes")]
public sealed class ScheduleAtStartTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("{\"version\":1,\"upgrades\":[{\"name\":\"v2\",\"height\":", "JSON ends early")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"version\":1,\"upgrades\":[{\"name\":\"../x\",\"height\":5,\"status\":\"pending\"}]}", "upgrades[0]")]
    public async Task Run_UnusableScheduleFile_ExitsTwoNamingTheFile_NodeNeverStarted(string contents, string reason)
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis"));
        File.WriteAllText(_home.Layout.ScheduleFile, contents);

        // Act
        var (code, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"]);

        // Assert
        Assert.True(code == 2, run.Describe());
        Assert.Contains(_home.Layout.ScheduleFile, run.Process.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, run.Process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Process.Stderr, StringComparison.Ordinal);
        Assert.False(_home.Timeline.HasPrefix("genesis start"), "the node was not started");
        Assert.Equal(contents, File.ReadAllText(_home.Layout.ScheduleFile));
    }

    [Theory]
    [InlineData("relative/node.ipc")]
    [InlineData("ws://127.0.0.1:8546")]
    public async Task Run_BadNodeRpcSetting_ExitsTwoNamingTheVariable(string endpoint)
    {
        _home.WriteGenesis(new FakeNode("genesis"));

        var (code, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], new Dictionary<string, string?> { ["WEMIXVISOR_NODE_RPC"] = endpoint });

        Assert.True(code == 2, run.Describe());
        Assert.Contains("WEMIXVISOR_NODE_RPC", run.Process.Stderr, StringComparison.Ordinal);
        Assert.False(_home.Timeline.HasPrefix("genesis start"), "the node was not started");
    }

    [Fact]
    public async Task Run_ScheduleRewrittenCorrupt_OneErrorPerVersion_NodeKeepsRunning()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis"));
        File.WriteAllText(_home.Layout.ScheduleFile, "{\"version\":1,\"upgrades\":[]}");
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await Eventually.Holds(() => _home.Timeline.HasPrefix("genesis start"), "genesis started", diagnostics: run.Describe);
        const string Reported = "The schedule file is invalid and is ignored until it changes";

        // Act: two different bad versions, one after the other.
        Replace(_home.Layout.ScheduleFile, "not json");
        await Eventually.Holds(() => Count(run, Reported) == 1, "the first bad version reported", diagnostics: run.Describe);
        Replace(_home.Layout.ScheduleFile, "{\"version\":1,\"upgrades\":[");
        await Eventually.Holds(() => Count(run, Reported) >= 2, "the second bad version reported", diagnostics: run.Describe);

        // Assert
        Assert.Equal(2, Count(run, Reported));
        Assert.False(run.Process.HasExited, run.Describe());
        Assert.Equal(1, _home.Timeline.Lines.Count(line => line.StartsWith("genesis start", StringComparison.Ordinal)));
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    /// <summary>Replaces the file in one rename, so that no half-written version is seen.</summary>
    private static void Replace(string path, string contents)
    {
        File.WriteAllText(path + ".new", contents);
        File.Move(path + ".new", path, overwrite: true);
    }

    private static int Count(RunningWemixvisor run, string text) =>
        run.Process.Stderr.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));
}
