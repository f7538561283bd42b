using Wemixvisor.IntegrationTests.Backup;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// The published <c>backup create</c> and <c>backup restore</c> on data owned by another user than wemixvisor's,
/// with hard links: owner, group, mode and shared inodes survive both ways.
/// </summary>
[Collection("Processes")]
public sealed class BackupOwnershipTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    [RootFact]
    public async Task BackupThenRestore_FilesOfAnotherUserAndHardLinks_KeepOwnerGroupModeAndLinks()
    {
        // Arrange
        NodeDataTree.Create(_home.Layout.DataDir);
        OwnershipSnapshot.AddOwnedAndLinkedEntries(_home.Layout.DataDir);
        var owners = OwnershipSnapshot.Of(_home.Layout.DataDir);
        var contents = TreeSnapshot.Of(_home.Layout.DataDir);
        Assert.Contains(owners, line => line.Contains("uid=1234 gid=1234", StringComparison.Ordinal));

        // Act
        var (created, create) = await RunningWemixvisor.RunToEndAsync(_home, ["backup", "create"], RunEnvironment.Fast());
        await using var _ = create;
        var id = create.Process.Stdout.Split(' ', ':')[2];
        var backupData = Path.Combine(_home.Layout.BackupDir, id, "data");
        var inBackup = OwnershipSnapshot.Of(backupData);
        File.Delete(Path.Combine(_home.Layout.DataDir, "state-hardlink"));
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "owned", "state.db"), "changed after the backup");
        var (restored, restore) = await RunningWemixvisor.RunToEndAsync(_home, ["backup", "restore", id], RunEnvironment.Fast());
        await using var __ = restore;

        // Assert
        Assert.True(created == 0, create.Describe());
        Assert.True(restored == 0, restore.Describe());
        Assert.Equal(owners, inBackup);
        Assert.Equal(owners, OwnershipSnapshot.Of(_home.Layout.DataDir));
        Assert.Equal(contents, TreeSnapshot.Of(_home.Layout.DataDir));
    }
}
