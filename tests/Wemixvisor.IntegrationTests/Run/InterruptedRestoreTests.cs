using Wemixvisor.IntegrationTests.Backup;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Backup;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// A restore killed between its two renames leaves the data directory missing, the rebuilt copy and the replaced
/// data next to it, and the journal. The published <c>run</c> or <c>backup restore</c> finishes it from the journal.
/// The killed state is laid out exactly as the restore leaves it (the journal written by the same class).
/// </summary>
[Collection("Processes")]
public sealed class InterruptedRestoreTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private string DataDir => _home.Layout.DataDir;

    /// <summary>Backs up a gstable tree, changes the data, then leaves the state of a restore killed after the given rename.</summary>
    private async Task<(string Id, IReadOnlyList<string> Backup, RestoreJournal.Swap Swap)> KilledRestore(bool afterFirstRename)
    {
        NodeDataTree.Create(DataDir);
        var (created, create) = await RunningWemixvisor.RunToEndAsync(_home, ["backup", "create"], RunEnvironment.Fast());
        await using var _ = create;
        Assert.True(created == 0, create.Describe());
        var id = create.Process.Stdout.Split(' ', ':')[2];
        var backupData = Path.Combine(_home.Layout.BackupDir, id, "data");
        var backup = TreeSnapshot.Of(backupData);
        File.WriteAllText(Path.Combine(DataDir, "gstable", "nodekey"), "overwritten by a failed migration");
        var parent = Path.GetDirectoryName(DataDir)!;
        var swap = new RestoreJournal.Swap(DataDir, Path.Combine(parent, ".data.replaced-killed00000"), Path.Combine(parent, ".data.restore-killed00000"));
        CopyTree(backupData, swap.Incoming);
        new RestoreJournal(_home.Layout.BackupDir).Begin(swap);
        if (afterFirstRename)
        {
            Directory.Move(DataDir, swap.Aside);
        }
        return (id, backup, swap);
    }

    private static void CopyTree(string from, string to)
    {
        using var copy = System.Diagnostics.Process.Start("cp", ["-a", from, to])!;
        copy.WaitForExit();
        Assert.Equal(0, copy.ExitCode);
    }

    private void AssertFinished(IReadOnlyList<string> backup, RestoreJournal.Swap swap)
    {
        Assert.Equal(backup, TreeSnapshot.Of(DataDir));
        Assert.False(Directory.Exists(swap.Aside), "the replaced data is removed");
        Assert.False(Directory.Exists(swap.Incoming), "the rebuilt copy is in place");
        Assert.False(File.Exists(Path.Combine(_home.Layout.BackupDir, RestoreJournal.FileName)), "the journal is cleared");
    }

    [Fact]
    public async Task Run_AfterARestoreKilledBetweenItsRenames_CompletesTheRestoreBeforeStartingTheNode()
    {
        // Arrange
        var (_, backup, swap) = await KilledRestore(afterFirstRename: true);
        Assert.False(Directory.Exists(DataDir));
        _home.WriteGenesis(new FakeNode("genesis"));

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await Eventually.Holds(() => _home.Timeline.StartedPids("genesis").Count == 1, "the node started", diagnostics: run.Describe);
        run.Signal(Signals.Terminate);

        // Assert
        Assert.Equal(0, await run.WaitForExit());
        AssertFinished(backup, swap);
        Assert.Contains("was interrupted between its renames", run.Process.Output(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupRestoreAgain_AfterARestoreKilledBeforeItsFirstRename_CompletesItThenRestoresAgain()
    {
        // Arrange
        var (id, backup, swap) = await KilledRestore(afterFirstRename: false);

        // Act
        var (restored, restore) = await RunningWemixvisor.RunToEndAsync(_home, ["backup", "restore", id], RunEnvironment.Fast());
        await using var _ = restore;

        // Assert
        Assert.True(restored == 0, restore.Describe());
        AssertFinished(backup, swap);
        Assert.Contains("was interrupted between its renames", restore.Process.Output(), StringComparison.Ordinal);
    }
}
