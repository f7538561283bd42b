using System.Globalization;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// Processes a node daemonizes (double fork: the parent exits, the child lives on) end up as wemixvisor's children:
/// as PID 1 of a container's PID namespace, or as a child subreaper otherwise. wemixvisor reaps them when they end,
/// and still gets the node's own exit code.
/// </summary>
[Collection("Processes")]
public sealed class OrphanReapingTests : IDisposable
{
    private const int Orphans = 5;
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Run_AsPid1OfANewPidNamespace_ReapsEveryOrphanAndStopsTheNodeOnSigterm()
    {
        // Arrange: orphans that end 0.1 s to 0.5 s after the node started; each becomes a child of PID 1.
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeOnSignal = 42, ExtraScript = DaemonizeOrphans(Orphans) });
        var executable = await PublishedWemixvisor.PathAsync();
        var variables = _home.Environment.ToDictionary(pair => pair.Key, string? (pair) => pair.Value);
        foreach (var (key, value) in RunEnvironment.Fast())
        {
            variables[key] = value;
        }
        await using var unshare = RunningProcess.Start("/usr/bin/unshare", ["--pid", "--fork", "--mount-proc", "--", executable, "run"], variables, _home.Home);
        var wemixvisor = await Eventually.Yields(() => ChildOf(unshare.Pid), "wemixvisor started by unshare", diagnostics: unshare.Output);

        // Act
        for (var i = 1; i <= Orphans; i++)
        {
            await _home.Timeline.WaitFor($"genesis orphan {i} done");
        }
        await Eventually.Holds(() => ZombieChildren(wemixvisor.Pid).Count == 0, "no zombie child of wemixvisor (PID 1)",
            diagnostics: () => $"zombies: {string.Join(' ', ZombieChildren(wemixvisor.Pid))}\n{unshare.Output()}");
        Signals.SendOrFail(wemixvisor.Pid, Signals.Terminate);
        var exit = await unshare.WaitForExit();

        // Assert
        Assert.Contains("wemixvisor is PID 1", unshare.Output(), StringComparison.Ordinal);
        Assert.True(exit == 42, $"exit code {exit}, expected the node's 42\n{unshare.Output()}\n{_home.Timeline.Describe()}");
        Assert.True(_home.Timeline.Has("genesis signal TERM"), _home.Timeline.Describe());
        Assert.True(_home.Timeline.Has("genesis exit 42"), _home.Timeline.Describe());
    }

    [Fact]
    public async Task Run_NodeDaemonizesAProcess_ItIsReparentedToWemixvisorAndReapedWhenItEnds()
    {
        // Arrange: one orphan that lives a second, long enough to see who its parent is.
        _home.WriteGenesis(new FakeNode("genesis")
        {
            ExitCodeOnSignal = 7,
            ExtraScript = "( ( note \"orphan pid=$BASHPID\"; sleep 1; note \"orphan done\" ) & )",
        });
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await _home.Timeline.WaitForPrefix("genesis orphan pid=");
        var orphan = int.Parse(_home.Timeline.Lines.First(line => line.StartsWith("genesis orphan pid=", StringComparison.Ordinal))["genesis orphan pid=".Length..], CultureInfo.InvariantCulture);

        // Act
        await Eventually.Holds(() => ProcStat.Read(orphan)?.ParentPid == run.Pid, $"orphan {orphan} re-parented to wemixvisor (pid {run.Pid})",
            diagnostics: () => $"parent: {ProcStat.Read(orphan)?.ParentPid}\n{run.Describe()}");
        await _home.Timeline.WaitFor("genesis orphan done");
        await Eventually.Holds(() => ProcStat.Read(orphan) is null, $"orphan {orphan} reaped", diagnostics: () => $"{ProcStat.Read(orphan)}\n{run.Describe()}");
        run.Signal(Signals.Terminate);
        var exit = await run.WaitForExit();

        // Assert
        Assert.True(exit == 7, $"exit code {exit}, expected the node's 7\n{run.Describe()}");
        Assert.True(_home.Timeline.Has("genesis exit 7"), _home.Timeline.Describe());
    }

    /// <summary>Bash lines: <paramref name="count"/> double-forked processes, the i-th ending i/10 s later.</summary>
    private static string DaemonizeOrphans(int count) =>
        $"for i in $(seq 1 {count}); do ( ( sleep \"0.$i\"; note \"orphan $i done\" ) & ); done";

    private static ProcStat? ChildOf(int parent) => Processes().FirstOrDefault(stat => stat.ParentPid == parent && !stat.IsZombie);

    private static List<int> ZombieChildren(int parent) =>
        Processes().Where(stat => stat.ParentPid == parent && stat.IsZombie).Select(stat => stat.Pid).ToList();

    private static IEnumerable<ProcStat> Processes()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ProcStat.Read(pid) is { } stat)
            {
                yield return stat;
            }
        }
    }
}
