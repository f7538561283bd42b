using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

/// <summary>The in-process CLI (<see cref="CliHarness"/>) pointed at a <see cref="TempHome"/>.</summary>
internal static class CliHome
{
    public const string DaemonName = "gstable";

    /// <summary>A home for the CLI to make: only the directory beside it exists.</summary>
    public static TempHome NewHome() => TempHome.Empty(DaemonName);

    /// <summary>A CLI with the home's DAEMON_HOME and DAEMON_NAME, working in the directory beside the home.</summary>
    public static CliHarness For(TempHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var cli = new CliHarness { WorkingDirectory = home.Root };
        foreach (var (name, value) in home.Environment)
        {
            cli.Environment[name] = value;
        }
        return cli;
    }

    /// <summary>Runs <c>wemixvisor init</c> with a genesis binary that prints "genesis", then makes the data directory.</summary>
    public static async Task InitAsync(this CliHarness cli, TempHome home)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(home);
        var init = await cli.RunAsync("init", home.Binary("node-genesis", "echo genesis"));
        Assert.True(init.ExitCode == 0, init.ToString());
        Directory.CreateDirectory(home.Layout.DataDir);
    }
}
