namespace Wemixvisor.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class UsageTests
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Help_ListsEveryCommandAndExitsZero()
    {
        var result = await _cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "init", "run", "config", "version", "add-upgrade", "show-upgrade-info", "status", "backup", "schedule" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s+\S", result.Stdout);
        }
    }

    [Theory]
    [InlineData("init")]
    [InlineData("config")]
    [InlineData("version")]
    [InlineData("add-upgrade")]
    [InlineData("show-upgrade-info")]
    [InlineData("status")]
    public async Task CommandHelp_DescribesTheCommandAndExitsZero(string command)
    {
        var result = await _cli.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Usage: wemixvisor {command}", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list", "--output <text|json>")]
    [InlineData("create", "refused with exit 4 while a wemixvisor runs")]
    [InlineData("restore", "id")]
    [InlineData("prune", "--keep <count>")]
    public async Task BackupSubCommandHelp_DescribesItAndExitsZero(string subCommand, string mentions)
    {
        var result = await _cli.RunAsync("backup", subCommand, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Usage: wemixvisor backup {subCommand}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(mentions, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupHelp_ListsItsSubCommands()
    {
        var result = await _cli.RunAsync("backup", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "list", "create", "restore", "prune" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s+\S", result.Stdout);
        }
    }

    [Theory]
    [InlineData("list", "--output <text|json>")]
    [InlineData("cancel", "name")]
    public async Task ScheduleSubCommandHelp_DescribesItAndExitsZero(string subCommand, string mentions)
    {
        var result = await _cli.RunAsync("schedule", subCommand, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Usage: wemixvisor schedule {subCommand}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(mentions, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleUnknownSubCommand_ExitsTwo()
    {
        var result = await _cli.RunAsync("schedule", "move");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task AddUpgradeHelp_DescribesHeight()
    {
        var result = await _cli.RunAsync("add-upgrade", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--height <H>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("schedule.json", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        var result = await _cli.RunAsync("upgrade-now");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task UnknownOption_ExitsTwo()
    {
        var result = await _cli.RunAsync("version", "--colour");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task OptionWithoutValue_ExitsTwoNamingIt()
    {
        var result = await _cli.RunAsync("config", "--home");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--home needs a value", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_LeavesTheProcessEnvironmentAsItWas()
    {
        // wemixvisor switches off the host's config-file watching while building; the node must not inherit that.
        var result = await _cli.RunAsync("version");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Environment.GetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange"));
    }
}
