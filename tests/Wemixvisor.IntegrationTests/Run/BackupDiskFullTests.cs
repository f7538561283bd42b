using System.Diagnostics;
using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// The backup directory on a small tmpfs (70 MiB) that the backup of an upgrade fills up: the data grows past the
/// room only while the old node stops, after the preflight had found enough. The partial copy goes, the data stays,
/// the old node runs again and the upgrade waits blocked; nothing is switched without its backup.
/// </summary>
[Collection("Processes")]
public sealed class BackupDiskFullTests : IDisposable
{
    private const long GrownBytes = 72L << 20;
    private readonly TempHome _home = TempHome.Create();
    private readonly string _smallDisk;

    public BackupDiskFullTests()
    {
        _smallDisk = _home.Combine("small-disk");
        Directory.CreateDirectory(_smallDisk);
    }

    public void Dispose()
    {
        if (IsMounted())
        {
            Run("umount", "-l", _smallDisk);
        }
        _home.Dispose();
    }

    private bool IsMounted() => File.ReadAllLines("/proc/self/mounts").Any(line => line.Split(' ')[1] == _smallDisk);

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }

    [RootFact]
    public async Task BackupRunsOutOfSpace_PartialRemovedDataUntouchedOldNodeRunsAgainAndTheUpgradeWaits()
    {
        // Arrange
        Run("mount", "-t", "tmpfs", "-o", "size=70m", "tmpfs", _smallDisk);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "chain.db"), "blocks 1..5");
        var grown = Path.Combine(_home.Layout.DataDir, "grown.db");
        var grewOnce = Path.Combine(_home.Home, "grew");
        _home.WriteGenesis(new FakeNode("genesis")
        {
            TriggerJson = Trigger.Json("v2", 5),
            TriggerPath = _home.Layout.TriggerFile,
            // The first stop flushes 72 MiB (a node writing out its caches): more than the small disk holds.
            ExtraScript = $"trap 'note \"signal TERM\"; if [ ! -e {FakeNode.Quote(grewOnce)} ]; then touch {FakeNode.Quote(grewOnce)}; head -c {GrownBytes} /dev/zero > {FakeNode.Quote(grown)}; note grew; fi; stop 0' TERM",
        });
        _home.WriteUpgrade("v2", new FakeNode("v2"));

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(("DAEMON_DATA_BACKUP_DIR", _smallDisk)));
        await Eventually.Holds(() => _home.Timeline.StartedPids("genesis").Count == 2, "the old node started again", TimeSpan.FromSeconds(30), run.Describe);
        await run.WaitForOutput("not enough free space for the backup");

        // Assert
        var output = run.Process.Output();
        Assert.True(_home.Timeline.Has("genesis grew"), _home.Timeline.Describe());
        Assert.Contains("The backup ran out of space in " + _smallDisk, output, StringComparison.Ordinal);
        var needed = System.Text.RegularExpressions.Regex.Match(output, @"the data is (\d+) bytes, a backup needs (\d+) bytes free there, \d+ are available");
        Assert.True(needed.Success, output);
        Assert.True(long.Parse(needed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > GrownBytes, needed.Value);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_smallDisk));
        Assert.Equal("blocks 1..5", File.ReadAllText(Path.Combine(_home.Layout.DataDir, "chain.db")));
        Assert.Equal(GrownBytes, new FileInfo(grown).Length);
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        Assert.Null(_home.Marker("v2"));
        Assert.Empty(_home.Timeline.StartedPids("v2"));
        Assert.Equal(2, _home.Timeline.StartedPids("genesis").Count);
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
        Assert.Empty(_home.Timeline.StartedPids("v2"));
    }
}
