using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cocona;
using Wemixvisor.Cli;
using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class SettingFlagsTests
{
    private readonly CliHarness _cli = new();

    /// <summary>Every command with a <see cref="SettingFlags"/> parameter, as a user types it (<c>backup list</c>).</summary>
    public static TheoryData<string> CommandsTakingTheSettings()
    {
        var catalog = new CommandCatalog(WemixvisorApp.CommandTypes);
        var types = WemixvisorApp.CommandTypes.Concat(WemixvisorApp.CommandTypes.SelectMany(t => t.GetCustomAttributes<HasSubCommandsAttribute>()).Select(g => g.Type));
        return new(types
            .SelectMany(type => type.GetMethods().Select(method => (Type: type, Method: method, Command: method.GetCustomAttribute<CommandAttribute>())))
            .Where(m => m.Command?.Name is not null && m.Method.GetParameters().Any(p => p.ParameterType == typeof(SettingFlags)))
            .Select(m => catalog.QualifiedName(m.Type, m.Command!.Name!)));
    }

    [Theory]
    [MemberData(nameof(CommandsTakingTheSettings))]
    public async Task Help_OfACommandTakingTheSettings_ListsEverySettingFlagInCatalogueOrder(string command)
    {
        var result = await _cli.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        var positions = Settings.All.Select(setting =>
        {
            var line = Regex.Match(result.Stdout, $@"(?m)^\s+{Regex.Escape($"{setting.FlagText} <{setting.ValueName}>")}\s+{Regex.Escape(setting.Help)}$");
            Assert.True(line.Success, $"{setting.FlagText} <{setting.ValueName}> with \"{setting.Help}\" is not in the help of {command}:\n{result.Stdout}");
            return line.Index;
        }).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Help_ShowsTheDefaultOfASettingThatHasOne()
    {
        var result = await _cli.RunAsync("config", "--help");

        Assert.Contains("how often the upgrade trigger is checked, > 0 (DAEMON_POLL_INTERVAL, default 300ms)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("node binary name, a plain file name (DAEMON_NAME)" + Environment.NewLine, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flags_GivenOnTheCommandLine_AreTheSourceOfExactlyThoseSettings()
    {
        _cli.Environment["DAEMON_HOME"] = "/srv/node";

        var result = await _cli.RunAsync("config", "--output", "json", "--name", "gstable", "--poll-interval", "2s", "--disable-logs=true");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var fromFlags = json.RootElement.GetProperty("settings").EnumerateObject()
            .Where(setting => setting.Value.GetProperty("source").GetString() == "flag")
            .Select(setting => (setting.Name, setting.Value.GetProperty("value").GetString()));
        Assert.Equal([("DAEMON_NAME", "gstable"), ("DAEMON_POLL_INTERVAL", "2s"), ("WEMIXVISOR_DISABLE_LOGS", "true")], fromFlags);
    }

    [Fact]
    public void Given_NothingSet_IsEmpty()
    {
        Assert.Empty(new SettingFlags().Given());
    }
}
