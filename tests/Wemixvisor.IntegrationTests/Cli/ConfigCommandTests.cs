using System.Runtime.Versioning;
using System.Text.Json;
using Wemixvisor.Core.Configuration;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

[Collection(CliCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class ConfigCommandTests : IDisposable
{
    private readonly TempHome _temp = CliHome.NewHome();
    private readonly CliHarness _cli = new();

    public ConfigCommandTests()
    {
        _cli.Environment["DAEMON_HOME"] = _temp.Home;
        _cli.Environment["DAEMON_NAME"] = "gstable";
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Config_Json_ShowsEverySettingWithItsSourceAndThePaths()
    {
        // Arrange: one setting from each source.
        Directory.CreateDirectory(_temp.Layout.Root);
        File.WriteAllText(Path.Combine(_temp.Layout.Root, "config.toml"), "daemon_max_restarts = 4\ndaemon_poll_interval = \"9s\"\n");
        _cli.Environment["DAEMON_SHUTDOWN_GRACE"] = "90s";
        _cli.Environment["DAEMON_POLL_INTERVAL"] = "5s";

        // Act
        var result = await _cli.RunAsync("config", "--output", "json", "--poll-interval", "2s");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var settings = json.RootElement.GetProperty("settings");
        Assert.Equal(Settings.All.Select(s => s.Variable), settings.EnumerateObject().Select(p => p.Name));
        AssertSetting(settings, "DAEMON_POLL_INTERVAL", "2s", "flag");
        AssertSetting(settings, "DAEMON_SHUTDOWN_GRACE", "1m30s", "env");
        AssertSetting(settings, "DAEMON_MAX_RESTARTS", "4", "file");
        AssertSetting(settings, "DAEMON_RESTART_BACKOFF", "1s", "default");
        AssertSetting(settings, "DAEMON_HOME", _temp.Home, "env");
        AssertSetting(settings, "WEMIXVISOR_CONFIG", Path.Combine(_temp.Layout.Root, "config.toml"), "default");
        Assert.Equal("daemon_max_restarts", settings.GetProperty("DAEMON_MAX_RESTARTS").GetProperty("file_key").GetString());
        Assert.Equal("--max-restarts", settings.GetProperty("DAEMON_MAX_RESTARTS").GetProperty("flag").GetString());
        var paths = json.RootElement.GetProperty("paths");
        Assert.Equal(Path.Combine(_temp.Layout.Root, "current"), paths.GetProperty("current").GetString());
        Assert.Equal(Path.Combine(_temp.Home, "data", "upgrade-info.json"), paths.GetProperty("trigger_file").GetString());
        Assert.Equal(Path.Combine(_temp.Layout.Root, "genesis", "bin", "gstable"), paths.GetProperty("genesis_binary").GetString());
        Assert.Equal(Path.Combine(_temp.Layout.Root, "logs"), paths.GetProperty("logs").GetString());
    }

    private static void AssertSetting(JsonElement settings, string variable, string value, string source)
    {
        var setting = settings.GetProperty(variable);
        Assert.Equal((value, source), (setting.GetProperty("value").GetString(), setting.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Config_Text_ShowsOneLinePerSettingWithItsSource()
    {
        _cli.Environment["COSMOVISOR_DISABLE_LOGS"] = "true";

        var result = await _cli.RunAsync("config", "--restart-delay=10s");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n');
        Assert.Matches(@"^DAEMON_RESTART_DELAY\s+10s\s+flag \(--restart-delay\)\s*$", lines.Single(l => l.StartsWith("DAEMON_RESTART_DELAY", StringComparison.Ordinal)));
        Assert.Matches(@"^WEMIXVISOR_DISABLE_LOGS\s+true\s+env \(COSMOVISOR_DISABLE_LOGS\)\s*$", lines.Single(l => l.StartsWith("WEMIXVISOR_DISABLE_LOGS", StringComparison.Ordinal)));
        Assert.Matches(@"^DAEMON_POLL_INTERVAL\s+300ms\s+default\s*$", lines.Single(l => l.StartsWith("DAEMON_POLL_INTERVAL", StringComparison.Ordinal)));
        Assert.All(Settings.All, s => Assert.Contains(lines, l => l.StartsWith(s.Variable + " ", StringComparison.Ordinal)));
        Assert.Contains($"current_binary       {Path.Combine(_temp.Layout.Root, "current", "bin", "gstable")}", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_Invalid_ListsEveryProblemOnStderrAndExitsTwo()
    {
        // Arrange
        _cli.Environment.Remove("DAEMON_HOME");
        _cli.Environment["DAEMON_POLL_INTERVAL"] = "soon";

        // Act
        var result = await _cli.RunAsync("config", "--max-restarts", "-1");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var lines = result.Stderr.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("error: DAEMON_HOME is not set", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("error: DAEMON_POLL_INTERVAL=\"soon\"", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("error: --max-restarts \"-1\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_UnknownKeyInConfigFile_ExitsTwoNamingKeyAndFile()
    {
        var file = Path.Combine(_temp.Root, "wv.toml");
        File.WriteAllText(file, "daemon_shutdown_grase = \"30s\"\n");

        var result = await _cli.RunAsync("config", "--config", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"config file {file}, line 1: unknown key \"daemon_shutdown_grase\"", result.Stderr, StringComparison.Ordinal);
    }
}
