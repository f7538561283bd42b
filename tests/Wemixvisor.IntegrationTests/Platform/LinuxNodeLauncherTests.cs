using System.Reactive.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.Core.Ports;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.IntegrationTests.Platform;

[Collection("Processes")]
public sealed class LinuxNodeLauncherTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private LinuxNodeLauncher Launcher(params string[] arguments) =>
        new(_home.Layout, arguments, new NodeRecordStore(_home.Layout), NullLogger<LinuxNodeLauncher>.Instance);

    [Fact]
    public async Task Launch_NodeExitsZero_ArgumentsVerbatimAndCodeZero()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 0 });

        // Act
        var node = Launcher("--datadir", "a b", "", "--x=\"q\"").Launch();
        var exit = await node.ExitAsync();

        // Assert
        Assert.Equal(NodeExit.Code(0), exit);
        Assert.True(exit.Succeeded);
        var lines = _home.Timeline.Lines;
        Assert.Equal(["genesis arg <--datadir>", "genesis arg <a b>", "genesis arg <>", "genesis arg <--x=\"q\">"],
            lines.Where(line => line.StartsWith("genesis arg ", StringComparison.Ordinal)));
        Assert.Contains($"genesis cwd={Environment.CurrentDirectory}", lines);
    }

    [Fact]
    public async Task Launch_NodeExitsSeven_ReportsSeven()
    {
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 7 });

        var exit = await Launcher().Launch().ExitAsync();

        Assert.Equal(NodeExit.Code(7), exit);
        Assert.Equal(7, exit.ReportedCode);
    }

    [Fact]
    public async Task Launch_NodeKillsItselfWithTerm_ReportedAs143()
    {
        _home.WriteGenesis(new FakeNode("genesis") { KillSelfWith = "TERM" });

        var exit = await Launcher().Launch().ExitAsync();

        Assert.Equal(NodeExit.Signal(15), exit);
        Assert.Equal(143, exit.ReportedCode);
    }

    [Fact]
    public async Task Signal_Kill_WholeGroupDiesAndExitIs137()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { StartsGrandchild = true, OnStop = OnStopSignal.Ignore });
        var node = Launcher().Launch();
        await _home.Timeline.WaitForPrefix("genesis grandchild start pid=");
        Assert.NotEmpty(ProcessTable.InGroup(node.Pid));

        // Act
        node.Signal(NodeSignal.Kill);
        var exit = await node.ExitAsync();

        // Assert
        Assert.Equal(137, exit.ReportedCode);
        await Eventually.Holds(() => ProcessTable.InGroup(node.Pid).Count == 0, "no member of the node's group alive",
            diagnostics: () => ProcessTable.Describe(ProcessTable.InGroup(node.Pid)));
    }

    [Theory]
    [InlineData(NodeSignal.Terminate, "TERM")]
    [InlineData(NodeSignal.Interrupt, "INT")]
    [InlineData(NodeSignal.Quit, "QUIT")]
    public async Task Signal_StopSignal_ReachesNodeAndGrandchild(NodeSignal signal, string name)
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis") { StartsGrandchild = true, ExitCodeOnSignal = 3 });
        var node = Launcher().Launch();
        await _home.Timeline.WaitForPrefix("genesis grandchild start pid=");
        var grandchild = _home.Timeline.StartedPid("genesis", grandchild: true)!.Value;

        // Act
        node.Signal(signal);
        var exit = await node.ExitAsync();

        // Assert
        Assert.Equal(NodeExit.Code(3), exit);
        Assert.True(_home.Timeline.Has($"genesis signal {name}"), _home.Timeline.Describe());
        await _home.Timeline.WaitFor($"genesis grandchild signal {name}");
        await Eventually.Holds(() => !ProcessTable.IsAlive(grandchild), "grandchild gone");
        Assert.Empty(ProcessTable.InGroup(node.Pid));
    }

    [Fact]
    public async Task Exit_NodeLeavesChildrenBehind_TheyAreKilledBeforeExitedEmits()
    {
        // The node exits at once but its background child would run on.
        _home.WriteGenesis(new FakeNode("genesis")
        {
            ExtraScript = "sleep 1000 &\nnote \"left child pid=$!\"",
            ExitCodeAtStart = 0,
        });

        var node = Launcher().Launch();
        await node.ExitAsync();

        Assert.True(_home.Timeline.HasPrefix("genesis left child pid="), _home.Timeline.Describe());
        Assert.Empty(ProcessTable.InGroup(node.Pid));
    }

    [Fact]
    public async Task Exited_TwoSubscribersBeforeAndAfterExit_EachGetsExactlyOneExit()
    {
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 5 });
        var node = Launcher().Launch();
        var early = node.Exited.ToList().Timeout(NodeExits.Timeout);

        var first = await early;
        var late = await node.Exited.ToList().Timeout(NodeExits.Timeout);

        Assert.Equal([NodeExit.Code(5)], first);
        Assert.Equal([NodeExit.Code(5)], late);
    }

    [Fact]
    public async Task Signal_AfterExit_IsANoOp()
    {
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 0 });
        var node = Launcher().Launch();
        await node.ExitAsync();

        var error = Record.Exception(() => node.Signal(NodeSignal.Terminate));

        Assert.Null(error);
    }

    [Fact]
    public async Task Launch_WhileRunning_NodeRecordHoldsPidAndStartTime_RemovedAfterExit()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis"));
        var records = new NodeRecordStore(_home.Layout);

        // Act
        var node = Launcher().Launch();

        // Assert
        var record = records.Load();
        Assert.NotNull(record);
        Assert.Equal(node.Pid, record.Pid);
        Assert.Equal(ProcStat.Read(node.Pid)!.StartTime, record.StartTime);
        node.Signal(NodeSignal.Terminate);
        await node.ExitAsync();
        Assert.False(File.Exists(_home.Layout.NodeRecordFile), "node record removed after the node exited");
    }

    [Fact]
    public async Task Launch_ResolvesCurrentAtEachLaunch()
    {
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 0 });
        _home.WriteUpgrade("v2", new FakeNode("v2") { ExitCodeAtStart = 0 });
        var launcher = Launcher();
        await launcher.Launch().ExitAsync();

        _home.PointCurrentTo("upgrades/v2");
        await launcher.Launch().ExitAsync();

        Assert.Equal(["genesis exit 0", "v2 exit 0"], _home.Timeline.Lines.Where(line => line.EndsWith(" exit 0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Launch_StdioIsInheritedNotPiped()
    {
        _home.WriteGenesis(new FakeNode("genesis"));
        var node = Launcher().Launch();
        await _home.Timeline.WaitForPrefix("genesis cwd=");

        for (var fd = 0; fd <= 2; fd++)
        {
            Assert.Equal(ReadLink($"/proc/self/fd/{fd}"), ReadLink($"/proc/{node.Pid}/fd/{fd}"));
        }
        node.Signal(NodeSignal.Terminate);
        await node.ExitAsync();
    }

    [Fact]
    public void Launch_BinaryMissing_ThrowsNamingThePath()
    {
        var error = Assert.Throws<NodeLaunchException>(() => Launcher().Launch());

        Assert.Equal($"node binary {_home.Layout.CurrentBinary} does not exist", error.Message);
    }

    [Fact]
    public void Launch_BinaryNotExecutable_ThrowsNamingThePath()
    {
        File.WriteAllText(_home.Layout.GenesisBinary, "#!/usr/bin/env bash\n");

        var error = Assert.Throws<NodeLaunchException>(() => Launcher().Launch());

        Assert.Contains($"node binary {_home.Layout.CurrentBinary} is not executable", error.Message);
    }

    [Fact]
    public void Launch_BinaryIsADirectory_ThrowsNamingThePath()
    {
        Directory.CreateDirectory(_home.Layout.GenesisBinary);

        var error = Assert.Throws<NodeLaunchException>(() => Launcher().Launch());

        Assert.Equal($"node binary {_home.Layout.CurrentBinary} is not a regular file", error.Message);
    }

    private static string? ReadLink(string path) => new FileInfo(path).LinkTarget;
}
