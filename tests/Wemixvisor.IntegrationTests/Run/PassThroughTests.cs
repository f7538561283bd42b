using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>`wemixvisor run` hands the node its arguments, working directory and environment, and returns the node's exit code.</summary>
[Collection("Processes")]
public sealed class PassThroughTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private static IReadOnlyDictionary<string, string?> NoRestart(params (string, string?)[] more) =>
        RunEnvironment.Fast([("DAEMON_RESTART_ON_FAILURE", "false"), .. more]);

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task Run_NodeExitsWithCode_WemixvisorExitsWithTheSameCode(int code)
    {
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = code });

        var (exit, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], NoRestart());
        await using var _ = run;

        Assert.True(code == exit, $"exit code {exit}, expected {code}\n{run.Describe()}");
        Assert.Single(_home.Timeline.StartedPids("genesis"));
    }

    [Fact]
    public async Task Run_NodeKillsItselfWithTerm_ExitCodeIs143()
    {
        _home.WriteGenesis(new FakeNode("genesis") { KillSelfWith = "TERM" });

        var (exit, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], NoRestart());
        await using var _ = run;

        Assert.True(exit == 128 + 15, $"exit code {exit}, expected 143\n{run.Describe()}");
    }

    [Fact]
    public async Task Run_NodeKilledFromOutsideWithSigkill_ExitCodeIs137()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis"));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], NoRestart());
        await _home.Timeline.WaitForPrefix("genesis cwd=");
        var node = _home.Timeline.StartedPid("genesis")!.Value;

        // Act
        Signals.SendOrFail(node, Signals.Kill);
        var exit = await run.WaitForExit();

        // Assert
        Assert.True(exit == 128 + 9, $"exit code {exit}, expected 137\n{run.Describe()}");
    }

    [Fact]
    public async Task Run_WithSeparator_OwnOptionsBeforeItNodeArgumentsAfterItVerbatim()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 0 });

        // Act
        var (exit, run) = await RunningWemixvisor.RunToEndAsync(
            _home, ["run", "--restart-on-failure", "false", "--", "--home", "a b", "", "--x=\"q\"", "--", "--poll-interval", "5s"], RunEnvironment.Fast());
        await using var _ = run;

        // Assert
        Assert.True(exit == 0, run.Describe());
        Assert.Equal(["--home", "a b", "", "--x=\"q\"", "--", "--poll-interval", "5s"], _home.Timeline.ArgumentsOfStart("genesis"));
    }

    [Fact]
    public async Task Run_WithoutSeparator_EveryArgumentAfterRunGoesToTheNode()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 0 });

        // Act: a Cosmovisor unit's command line, including a flag that wemixvisor also knows.
        var (exit, run) = await RunningWemixvisor.RunToEndAsync(
            _home, ["run", "start", "--home", "/srv/node", "--poll-interval", "5s", "-x"], NoRestart());
        await using var _ = run;

        // Assert
        Assert.True(exit == 0, run.Describe());
        Assert.Equal(["start", "--home", "/srv/node", "--poll-interval", "5s", "-x"], _home.Timeline.ArgumentsOfStart("genesis"));
    }

    [Fact]
    public async Task Run_Node_GetsWemixvisorsWorkingDirectoryAndEnvironment()
    {
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 0, ExtraScript = "note \"probe=$WEMIXVISOR_TEST_PROBE\"" });

        var (exit, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], NoRestart(("WEMIXVISOR_TEST_PROBE", "a value with spaces")));
        await using var _ = run;

        Assert.True(exit == 0, run.Describe());
        Assert.True(_home.Timeline.Has($"genesis cwd={_home.Home}"), _home.Timeline.Describe());
        Assert.True(_home.Timeline.Has("genesis probe=a value with spaces"), _home.Timeline.Describe());
    }
}
