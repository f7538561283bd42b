using System.Text;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Commands;

/// <summary><c>show-upgrade-info</c> run by the published executable.</summary>
[Collection("Processes")]
public sealed class ShowUpgradeInfoCommandTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("""{"name":"v\ud800","height":5}""", "not valid JSON: Cannot read incomplete UTF-16 JSON text as string with missing low surrogate")]
    [InlineData("""{"name":"vx","height":5}""", "not valid JSON: the file is not UTF-8 text")]
    public async Task ShowUpgradeInfo_TriggerIsNotDecodableText_ReportsItInvalidWithTheReason_ExitsZero(string json, string reason)
    {
        // Arrange: "x" stands for the byte 0xF5, which no UTF-8 text holds.
        var bytes = Encoding.UTF8.GetBytes(json);
        bytes = [.. bytes.Select(b => b == (byte)'x' ? (byte)0xF5 : b)];
        File.WriteAllBytes(_home.Layout.TriggerFile, bytes);

        // Act
        var (code, run) = await RunningWemixvisor.RunToEndAsync(_home, ["show-upgrade-info"], timeout: TimeSpan.FromSeconds(30));

        // Assert
        await using (run)
        {
            Assert.True(code == 0, run.Describe());
            Assert.Contains($"state:        invalid: {reason}\n", run.Process.Stdout, StringComparison.Ordinal);
            Assert.Contains("upgrade:      none\n", run.Process.Stdout, StringComparison.Ordinal);
            Assert.Equal("", run.Process.Stderr);
        }
    }
}
