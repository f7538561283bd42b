using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Locking;
using Wemixvisor.Status;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

/// <summary>
/// A running instance as <c>run</c> leaves it on disk: the instance lock held (here by this test process, whose pid
/// it records), <c>run-status.json</c>, and <c>node.json</c> naming a live process. These tests start a real child.
/// </summary>
[Collection("Processes")]
[SupportedOSPlatform("linux")]
public sealed class StatusRunningInstanceTests : IDisposable
{
    private readonly TempHome _home = CliHome.NewHome();
    private readonly CliHarness _cli;

    public StatusRunningInstanceTests() => _cli = CliHome.For(_home);

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Status_WhileAnInstanceRuns_ShowsItsPidRestartsAndTheNode()
    {
        // Arrange
        await _cli.InitAsync(_home);
        using var held = InstanceLock.Acquire(_home.Layout, NullLogger<InstanceLock>.Instance);
        var node = _home.StartRecordedNode();
        File.WriteAllText(RunStatus.PathIn(_home.Layout), $$$"""
            {"pid":{{{Environment.ProcessId}}},"startedAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:10:00Z",
             "nodeStarts":4,"restarts":2,"upgrades":1,
             "lastTransition":{"at":"2026-01-02T03:10:00Z","from":"Running","to":"Running","event":"NodeStarted"}}
            """);

        // Act
        var text = await _cli.RunAsync("status");
        var json = await _cli.RunAsync("status", "--output", "json");

        // Assert
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches($@"(?m)^wemixvisor:   running, pid {Environment.ProcessId}, up \S+, since 2026-01-02T03:04:05Z: 2 restarts, 1 upgrades$", text.Stdout);
        Assert.Matches($@"(?m)^node:         running, pid {node.Id}, up \d+s$", text.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        var wemixvisor = document.RootElement.GetProperty("wemixvisor");
        Assert.True(wemixvisor.GetProperty("running").GetBoolean());
        Assert.Equal(Environment.ProcessId, wemixvisor.GetProperty("pid").GetInt32());
        Assert.Equal((4, 2, 1), (wemixvisor.GetProperty("node_starts").GetInt32(), wemixvisor.GetProperty("restarts").GetInt32(), wemixvisor.GetProperty("upgrades").GetInt32()));
        Assert.Equal("NodeStarted", wemixvisor.GetProperty("last_transition").GetProperty("event").GetString());
        var nodeJson = document.RootElement.GetProperty("node");
        Assert.True(nodeJson.GetProperty("running").GetBoolean());
        Assert.Equal(node.Id, nodeJson.GetProperty("pid").GetInt32());
        Assert.InRange(nodeJson.GetProperty("uptime_seconds").GetInt64(), 0, 30);
        Assert.False(nodeJson.GetProperty("orphaned").GetBoolean());
    }

    [Fact]
    public async Task Status_ProbingTheLock_LeavesTheHolderInPossessionOfIt()
    {
        // Arrange
        await _cli.InitAsync(_home);
        using var held = InstanceLock.Acquire(_home.Layout, NullLogger<InstanceLock>.Instance);

        // Act
        var result = await _cli.RunAsync("status");

        // Assert: the lock is still held, so a second run would still be refused.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"running, pid {Environment.ProcessId}", result.Stdout, StringComparison.Ordinal);
        var second = Assert.Throws<InstanceLockedException>(() => InstanceLock.Acquire(_home.Layout, NullLogger<InstanceLock>.Instance));
        Assert.Equal(Environment.ProcessId, second.HolderPid);
    }

    [Fact]
    public async Task Status_NodeLeftByAKilledWemixvisor_IsReportedAsOrphaned()
    {
        await _cli.InitAsync(_home);
        var node = _home.StartRecordedNode();

        var text = await _cli.RunAsync("status");
        var json = await _cli.RunAsync("status", "--output", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("wemixvisor:   not running\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"node:         running, pid {node.Id}", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("left by a wemixvisor that is gone", text.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.True(document.RootElement.GetProperty("node").GetProperty("orphaned").GetBoolean());
    }

    [Fact]
    public async Task BackupCreate_WhileANodeLeftByAKilledWemixvisorRuns_IsRefusedWithExitCode4()
    {
        await _cli.InitAsync(_home);
        var node = _home.StartRecordedNode();

        var result = await _cli.RunAsync("backup", "create");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains($"the node (pid {node.Id})", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_home.Layout.BackupDir));
        // The refusal released the lock again: a run may start.
        using var after = InstanceLock.Acquire(_home.Layout, NullLogger<InstanceLock>.Instance);
    }
}
