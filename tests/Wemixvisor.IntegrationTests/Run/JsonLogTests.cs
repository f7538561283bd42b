using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>WEMIXVISOR_LOG_FORMAT=json: wemixvisor's own stderr lines are JSON objects; the node's stdout passes through untouched.</summary>
[Collection("Processes")]
public sealed class JsonLogTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Run_JsonLogFormat_OwnLinesAreJsonObjectsNamingTheUpgrade_NodeOutputUntouched()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis")
        {
            ExtraScript = "echo 'genesis: plain text'; echo '{\"node\":\"genesis\",\"height\":5}'; printf '%s' '" + Trigger.Json("v2", 5) + "' > " + FakeNode.Quote(_home.Layout.TriggerFile),
        });
        _home.WriteUpgrade("v2", new FakeNode("v2") { ExtraScript = "echo 'v2: started'" });

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(("WEMIXVISOR_LOG_FORMAT", "json")));
        await run.WaitForOutput("v2: started");
        run.Signal(Signals.Terminate);
        var exit = await run.WaitForExit();

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal(["genesis: plain text", "{\"node\":\"genesis\",\"height\":5}", "v2: started"], run.Process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var lines = run.Process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var upgradeMentioned = false;
        foreach (var line in lines)
        {
            using var document = ParseOrFail(line);
            var root = document.RootElement;
            Assert.Equal(JsonValueKind.Object, root.ValueKind);
            Assert.True(root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String, $"no \"message\" in {line}");
            Assert.True(root.TryGetProperty("level", out _), $"no \"level\" in {line}");
            upgradeMentioned |= root.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("Upgrade", out var upgrade)
                && upgrade.ValueKind == JsonValueKind.String && upgrade.GetString() == "v2";
        }
        Assert.True(upgradeMentioned, "some line carries the property Upgrade = \"v2\"\n" + run.Process.Stderr);
        Assert.Contains(lines, line => line.Contains("v2", StringComparison.Ordinal) && line.Contains("\"message\"", StringComparison.Ordinal));
    }

    private static JsonDocument ParseOrFail(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            Assert.Fail($"stderr line is not JSON ({e.Message}): {line}");
            throw;
        }
    }
}
