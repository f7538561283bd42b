using System.Runtime.Versioning;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

[Collection(CliCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class RunCommandTests : IDisposable
{
    private readonly TempHome _temp = CliHome.NewHome();
    private readonly CliHarness _cli = new();

    public RunCommandTests()
    {
        _cli.Environment["DAEMON_HOME"] = _temp.Home;
        _cli.Environment["DAEMON_NAME"] = "gstable";
    }

    public void Dispose() => _temp.Dispose();

    private async Task InitAsync()
    {
        var init = await _cli.RunAsync("init", _temp.Binary("node", "echo node"));
        Assert.True(init.ExitCode == 0, init.ToString());
    }

    [Fact]
    public async Task Run_MissingDaemonHome_ExitsTwoNamingIt()
    {
        // Arrange
        _cli.Environment.Remove("DAEMON_HOME");

        // Act
        var result = await _cli.RunAsync("run", "start");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DAEMON_HOME is not set", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_cli.Supervisor!.Calls);
    }

    [Fact]
    public async Task Run_BeforeInit_ExitsTwoAskingForInit()
    {
        Directory.CreateDirectory(_temp.Home);

        var result = await _cli.RunAsync("run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run `wemixvisor init <path-to-binary>` first", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_cli.Supervisor!.Calls);
    }

    [Fact]
    public async Task Run_HomeDoesNotExist_ExitsTwoNamingIt()
    {
        var result = await _cli.RunAsync("run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"DAEMON_HOME {_temp.Home} does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DanglingCurrent_ExitsTwoNamingTheTarget()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Layout.Root));
        File.CreateSymbolicLink(_temp.Layout.Current, "upgrades/gone");

        var result = await _cli.RunAsync("run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("points to upgrades/gone, which does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutSeparator_PassesEveryArgumentToTheNodeVerbatim()
    {
        // Arrange
        await InitAsync();

        // Act
        var result = await _cli.RunAsync("run", "start", "--home", "/elsewhere", "--poll-interval", "bogus");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var (options, nodeArgs) = Assert.Single(_cli.Supervisor!.Calls);
        Assert.Equal(["start", "--home", "/elsewhere", "--poll-interval", "bogus"], nodeArgs);
        Assert.Equal(_temp.Home, options.Home);
        Assert.Equal(TimeSpan.FromMilliseconds(300), options.PollInterval);
    }

    [Fact]
    public async Task Run_OptionsBeforeSeparator_AreWemixvisorsAndTheRestIsTheNodes()
    {
        await InitAsync();

        var result = await _cli.RunAsync("run", "--poll-interval", "2s", "--shutdown-grace=0s", "--", "start", "--datadir", "/d");

        Assert.True(result.ExitCode == 0, result.ToString());
        var (options, nodeArgs) = Assert.Single(_cli.Supervisor!.Calls);
        Assert.Equal(TimeSpan.FromSeconds(2), options.PollInterval);
        Assert.Equal(TimeSpan.Zero, options.ShutdownGrace);
        Assert.Equal(["start", "--datadir", "/d"], nodeArgs);
    }

    [Fact]
    public async Task Run_ExitCodeOfTheSupervisor_IsWemixvisorsExitCode()
    {
        await InitAsync();
        _cli.Supervisor!.ExitCode = 143;

        var result = await _cli.RunAsync("run");

        Assert.Equal(143, result.ExitCode);
    }

    [Fact]
    public async Task Run_InvalidWemixvisorOption_ExitsTwoWithoutStarting()
    {
        await InitAsync();

        var result = await _cli.RunAsync("run", "--max-restarts", "lots", "--", "start");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-restarts \"lots\"", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_cli.Supervisor!.Calls);
    }

    [Fact]
    public async Task Run_UnknownWemixvisorOption_ExitsTwo()
    {
        await InitAsync();

        var result = await _cli.RunAsync("run", "--no-such-option", "--", "start");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(_cli.Supervisor!.Calls);
    }

    [Fact]
    public async Task Run_Help_ShowsWemixvisorsHelpAndExitsZero()
    {
        var result = await _cli.RunAsync("run", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--poll-interval <duration>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[NODE ARGS]", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(_cli.Supervisor!.Calls);
    }

    [Fact]
    public async Task Run_NoSupervisorRegistered_FailsAsAnInternalErrorInsteadOfHanging()
    {
        await InitAsync();
        _cli.Supervisor = null;

        var result = await _cli.RunAsync("run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ISupervisorHost is not registered", result.Stderr, StringComparison.Ordinal);
    }
}
