using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.IntegrationTests.Platform;

[Collection("Processes")]
public sealed class OrphanNodeReaperTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();
    private readonly NodeRecordStore _records;

    public OrphanNodeReaperTests() => _records = new NodeRecordStore(_home.Layout);

    public void Dispose() => _home.Dispose();

    private OrphanNodeReaper Reaper(TimeSpan grace) => new(_records, grace, NullLogger<OrphanNodeReaper>.Instance);

    /// <summary>A node in its own group, as a killed wemixvisor would have left it, and its record.</summary>
    private async Task<RunningProcess> StartOrphan(FakeNode node)
    {
        var binary = _home.WriteGenesis(node);
        var process = RunningProcess.Start(binary, []);
        await _home.Timeline.WaitForPrefix($"{node.Label} cwd=");
        if (node.StartsGrandchild)
        {
            await _home.Timeline.WaitForPrefix($"{node.Label} grandchild start pid=");
        }
        _records.Save(new NodeRecord(process.Pid, ProcStat.Read(process.Pid)!.StartTime));
        return process;
    }

    [Fact]
    public async Task Reap_RecordedNodeAlive_StopsItsGroupWithTermAndRemovesRecord()
    {
        // Arrange
        await using var orphan = await StartOrphan(new FakeNode("genesis") { StartsGrandchild = true });

        // Act
        var stopped = await Reaper(TimeSpan.FromSeconds(10)).ReapAsync();

        // Assert
        Assert.True(stopped);
        Assert.Equal(0, await orphan.WaitForExit());
        Assert.True(_home.Timeline.Has("genesis signal TERM"), _home.Timeline.Describe());
        Assert.True(_home.Timeline.Has("genesis grandchild signal TERM"), _home.Timeline.Describe());
        Assert.Empty(ProcessTable.InGroup(orphan.Pid));
        Assert.False(File.Exists(_home.Layout.NodeRecordFile));
    }

    [Fact]
    public async Task Reap_NodeIgnoresTerm_KilledAfterGrace()
    {
        // Arrange
        await using var orphan = await StartOrphan(new FakeNode("genesis") { OnStop = OnStopSignal.Ignore, StartsGrandchild = true });
        var grace = TimeSpan.FromSeconds(1);
        var elapsed = Stopwatch.StartNew();

        // Act
        var stopped = await Reaper(grace).ReapAsync();

        // Assert
        Assert.True(stopped);
        Assert.True(elapsed.Elapsed >= grace, $"SIGKILL came after {elapsed.Elapsed}, before the grace of {grace}");
        Assert.Equal(128 + Signals.Kill, await orphan.WaitForExit());
        Assert.True(_home.Timeline.Has("genesis signal TERM"), _home.Timeline.Describe());
        Assert.Empty(ProcessTable.InGroup(orphan.Pid));
    }

    [Fact]
    public async Task Reap_PidReusedByAnotherProcess_LeavesItAlone()
    {
        // Arrange: the record names a live pid, but with another start time: a different process.
        await using var unrelated = await StartOrphan(new FakeNode("genesis"));
        var real = ProcStat.Read(unrelated.Pid)!.StartTime;
        _records.Save(new NodeRecord(unrelated.Pid, real + 1));

        // Act
        var result = await Reaper(TimeSpan.FromSeconds(1)).ReapAsync();

        // Assert
        Assert.True(result);
        Assert.True(ProcessTable.IsAlive(unrelated.Pid), "the unrelated process must survive");
        Assert.False(_home.Timeline.HasPrefix("genesis signal"), _home.Timeline.Describe());
        Assert.False(File.Exists(_home.Layout.NodeRecordFile), "a stale record is removed");
    }

    [Fact]
    public async Task Reap_NoRecord_DoesNothing()
    {
        var result = await Reaper(TimeSpan.FromSeconds(1)).ReapAsync();

        Assert.True(result);
    }
}
