using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary><c>run</c> with a schedule file or node RPC setting it cannot use: exit 2 naming it, and nothing started.</summary>
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
}
