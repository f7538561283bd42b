using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wemixvisor.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class VersionCommandTests
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Version_Json_HasTheDocumentedKeysAndNothingElseOnStdout()
    {
        // Act
        var result = await _cli.RunAsync("version", "--output", "json");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["wemixvisor_version", "commit", "runtime", "platform"], root.EnumerateObject().Select(p => p.Name));
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+"), root.GetProperty("wemixvisor_version").GetString()!);
        Assert.StartsWith(".NET", root.GetProperty("runtime").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("commit").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
    }

    [Fact]
    public async Task Version_Text_StartsWithTheVersion()
    {
        var result = await _cli.RunAsync("version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(new Regex(@"^wemixvisor \d+\.\d+\.\d+"), result.Stdout);
        Assert.Contains("runtime: .NET", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_NeedsNoConfiguration()
    {
        // No DAEMON_HOME, no DAEMON_NAME: version still works.
        var result = await _cli.RunAsync("version", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Version_UnknownOutputFormat_ExitsTwo()
    {
        var result = await _cli.RunAsync("version", "--output", "yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output \"yaml\": must be text or json", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }
}
