using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Status;

namespace Wemixvisor.IntegrationTests.Commands;

/// <summary><c>status</c> and <c>backup create</c> run by the published executable next to a real <c>wemixvisor run</c>.</summary>
[Collection("Processes")]
public sealed class StatusOfARunningWemixvisorTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private List<string> StartLines() => _home.Timeline.Lines.Where(line => line.StartsWith("genesis start pid=", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Status_WhileRunRestartedItsNodeOnce_ShowsBothPidsAndOneRestart_AndBackupCreateIsRefused()
    {
        // Arrange: a node that crashes on its first start only.
        var crashed = Path.Combine(_home.Home, "crashed-once");
        _home.WriteGenesis(new FakeNode("genesis")
        {
            ExtraScript = $"if [ ! -e {FakeNode.Quote(crashed)} ]; then touch {FakeNode.Quote(crashed)}; note \"exit 3\"; exit 3; fi",
        });
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], new Dictionary<string, string?> { ["DAEMON_RESTART_BACKOFF"] = "100ms" });
        // run-status.json records a start at launch, before the node's own first line: wait for both starts' lines.
        var status = await Eventually.Yields(
            () => RunStatus.Read(_home.Layout) is { NodeStarts: 2 } written && _home.Timeline.Count("genesis exit 3") == 1 && StartLines().Count == 2 ? written : null,
            "the node restarted once and run-status.json recorded it", diagnostics: run.Describe);
        var nodePid = StartLines().Select(line => int.Parse(line.Split(' ')[2]["pid=".Length..], System.Globalization.CultureInfo.InvariantCulture)).Last();

        // Act
        var (statusCode, statusRun) = await RunningWemixvisor.RunToEndAsync(_home, ["status", "--output", "json"]);
        var (backupCode, backupRun) = await RunningWemixvisor.RunToEndAsync(_home, ["backup", "create"]);

        // Assert
        Assert.Equal(run.Pid, status.Pid);
        Assert.True(statusCode == 0, statusRun.Describe());
        using var document = JsonDocument.Parse(statusRun.Process.Stdout);
        var wemixvisor = document.RootElement.GetProperty("wemixvisor");
        Assert.True(wemixvisor.GetProperty("running").GetBoolean(), statusRun.Process.Stdout);
        Assert.Equal(run.Pid, wemixvisor.GetProperty("pid").GetInt32());
        Assert.Equal(1, wemixvisor.GetProperty("restarts").GetInt32());
        var node = document.RootElement.GetProperty("node");
        Assert.True(node.GetProperty("running").GetBoolean(), statusRun.Process.Stdout);
        Assert.Equal(nodePid, node.GetProperty("pid").GetInt32());
        Assert.Equal(4, backupCode);
        Assert.Contains($"another wemixvisor (pid {run.Pid}) runs for {_home.Home}", backupRun.Process.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_home.Layout.BackupDir));

        // The run ends: its status file goes with it.
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
        Assert.False(File.Exists(RunStatus.PathIn(_home.Layout)), "run-status.json is removed when run ends");
        var (afterCode, afterRun) = await RunningWemixvisor.RunToEndAsync(_home, ["status"]);
        Assert.Equal(0, afterCode);
        Assert.Contains("wemixvisor:   not running\n", afterRun.Process.Stdout, StringComparison.Ordinal);
    }
}
