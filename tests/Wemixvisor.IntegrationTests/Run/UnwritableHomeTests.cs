using System.Diagnostics;
using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// wemixvisor's own files on file systems that refuse them: the log directory on a full tmpfs, and
/// <c>$DAEMON_HOME/wemixvisor</c> remounted read-only while it runs (no <c>run-status.json</c>, <c>node.json</c>
/// or journal can be written). Supervision goes on; an upgrade waits with a clear error instead of switching
/// without its journal, and goes on once the file system is writable again.
/// </summary>
[Collection("Processes")]
public sealed class UnwritableHomeTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();
    private readonly List<string> _mounts = [];

    public void Dispose()
    {
        foreach (var mount in Enumerable.Reverse(_mounts).Where(IsMounted))
        {
            Run("umount", "-l", mount);
        }
        _home.Dispose();
    }

    private static bool IsMounted(string path) => File.ReadAllLines("/proc/self/mounts").Any(line => line.Split(' ')[1] == path);

    private static int Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true });
        process!.WaitForExit();
        return process.ExitCode;
    }

    private void Mount(string target, params string[] arguments)
    {
        Assert.Equal(0, Run("mount", [.. arguments, target]));
        _mounts.Add(target);
    }

    [RootFact]
    public async Task FullLogDiskAndReadOnlyHome_NodeStillSupervised_UpgradeWaitsForAWritableJournal()
    {
        // Arrange: a full log disk from the start.
        var logs = _home.Layout.LogsDir;
        Directory.CreateDirectory(logs);
        Mount(logs, "-t", "tmpfs", "-o", "size=64k", "tmpfs");
        Run("sh", "-c", $"head -c 1048576 /dev/zero > {FakeNode.Quote(Path.Combine(logs, "filler"))}");
        _home.WriteGenesis(new FakeNode("genesis"));
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        var root = _home.Layout.Root;
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await Eventually.Holds(() => _home.Timeline.StartedPids("genesis").Count == 1, "the node started", diagnostics: run.Describe);

        // Act 1: the home becomes read-only; the node crashes.
        // --rbind keeps the full log file system mounted inside it: with a plain bind the log directory would show the
        // disk below it, the logger could reopen its file there, and that open file would keep the remount busy.
        Mount(root, "--rbind", root);
        // A remount to read-only fails (busy) while a file is open for writing through it: wemixvisor may be
        // writing its status or node record at that instant.
        await Eventually.Holds(() => Run("mount", "-o", "remount,ro,bind", root) == 0, "the home remounted read-only", diagnostics: run.Describe);
        Assert.True(Signals.Send(_home.Timeline.StartedPids("genesis")[0], Signals.Kill));

        // Assert 1: restarted all the same.
        await Eventually.Holds(() => _home.Timeline.StartedPids("genesis").Count == 2, "the node restarted", diagnostics: run.Describe);

        // Act 2: an upgrade while the journal cannot be written.
        _home.WriteTrigger(Trigger.Json("v2", 5));
        await run.WaitForOutput($"cannot write in {root}, where the upgrade journal and the current link of upgrade v2 must be written");

        // Assert 2: it waits with the node running.
        Assert.False(run.Process.HasExited);
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        Assert.Empty(_home.Timeline.StartedPids("v2"));
        Assert.True(ProcessTable.IsAlive(_home.Timeline.StartedPids("genesis")[1]));

        // Act 3: writable again.
        Assert.Equal(0, Run("mount", "-o", "remount,rw,bind", root));

        // Assert 3
        await Eventually.Holds(() => _home.Timeline.StartedPids("v2").Count == 1, "v2 started", TimeSpan.FromSeconds(20), run.Describe);
        Assert.Equal(HomeInspection.UpgradeTarget("v2"), _home.CurrentTarget);
        Assert.False(_home.HasJournal());
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }
}
