using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests;

/// <summary>The harness itself: a fake node run directly behaves as the tests rely on, and the executable publishes.</summary>
[Collection("Processes")]
public sealed class HarnessTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task FakeNode_RunDirectly_RecordsArgumentsHangupAndStopSignal()
    {
        // Arrange
        var binary = _home.WriteGenesis(new FakeNode("genesis") { ExitCodeOnSignal = 9 });
        await using var node = RunningProcess.Start(binary, ["--home", "x y"]);
        await _home.Timeline.WaitForPrefix("genesis cwd=");

        // Act
        node.Signal(Signals.Hangup);
        await _home.Timeline.WaitFor("genesis signal HUP");
        var stillRunning = !node.HasExited;
        node.Signal(Signals.Terminate);
        var code = await node.WaitForExit();

        // Assert
        Assert.True(stillRunning, "HUP is only recorded");
        Assert.Equal(9, code);
        Assert.Equal(
            [$"genesis start pid={node.Pid} args=--home x y", "genesis arg <--home>", "genesis arg <x y>", "genesis signal HUP", "genesis signal TERM", "genesis exit 9"],
            _home.Timeline.Lines.Where(line => !line.StartsWith("genesis cwd=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FakeNode_WritesTrigger_WhereTold()
    {
        var binary = _home.WriteGenesis(new FakeNode("genesis")
        {
            TriggerJson = """{"name":"v2","height":5}""",
            TriggerPath = _home.Layout.TriggerFile,
            ExitCodeAtStart = 1,
        });

        await using var node = RunningProcess.Start(binary, []);

        Assert.Equal(1, await node.WaitForExit());
        Assert.Equal("""{"name":"v2","height":5}""", File.ReadAllText(_home.Layout.TriggerFile));
        Assert.True(_home.Timeline.Has("genesis wrote trigger"));
    }

    [Fact]
    public async Task TempHome_Dispose_KillsProcessesOfTheHome()
    {
        // Arrange
        var home = TempHome.Create();
        var binary = home.WriteGenesis(new FakeNode("genesis") { StartsGrandchild = true });
        await using var node = RunningProcess.Start(binary, []);
        await home.Timeline.WaitForPrefix("genesis grandchild start pid=");
        var grandchild = home.Timeline.StartedPid("genesis", grandchild: true)!.Value;

        // Act
        home.Dispose();

        // Assert
        await Eventually.Holds(() => !ProcessTable.IsAlive(grandchild) && !ProcessTable.IsAlive(node.Pid), "the home's processes killed");
        Assert.False(Directory.Exists(home.Home));
    }

    [Fact]
    public async Task PublishedWemixvisor_Publish_GivesAnExecutableWithItsLogConfiguration()
    {
        var executable = await PublishedWemixvisor.PathAsync();

        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), $"{executable} is executable");
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(executable)!, "nlog.config")), "nlog.config is published next to it");
    }
}
