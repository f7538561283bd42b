using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Backup;

namespace Wemixvisor.IntegrationTests.Backup;

public sealed class BackupEngineRestoreTests
{
    [Fact]
    public void Restore_AfterDataWasChanged_BringsBackEveryByteAndTheNodekey()
    {
        // Arrange
        using var home = new BackupFixture();
        var nodekey = NodeDataTree.Create(home.DataDir);
        var original = TreeSnapshot.Of(home.DataDir);
        var backup = home.Backup();
        File.Delete(Path.Combine(home.DataDir, "gstable", "nodekey"));
        File.WriteAllText(Path.Combine(home.DataDir, "gstable", "chaindata", "000001.ldb"), "migrated by a failed pre-upgrade");
        File.WriteAllText(Path.Combine(home.DataDir, "gstable", "chaindata", "999999.ldb"), "new file");
        Directory.Delete(Path.Combine(home.DataDir, "empty"), recursive: true);

        // Act
        home.Engine.Restore(backup.Id, CancellationToken.None);

        // Assert
        Assert.Equal(original, TreeSnapshot.Of(home.DataDir));
        Assert.Equal(nodekey, File.ReadAllBytes(Path.Combine(home.DataDir, "gstable", "nodekey")));
        Assert.Equal(["backups", "data"], TempHome.EntryNames(home.Home));
        Assert.Equal(original, TreeSnapshot.Of(backup.DataDirectory));
    }

    [Fact]
    public void Restore_DataDirGone_CreatesIt()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        var original = TreeSnapshot.Of(home.DataDir);
        var backup = home.Backup();
        TreeRemover.Remove(home.DataDir);

        home.Engine.Restore(backup.Id, CancellationToken.None);

        Assert.Equal(original, TreeSnapshot.Of(home.DataDir));
    }

    [Fact]
    public void Restore_SymlinkedDataDir_RefillsTheTargetAndKeepsTheLink()
    {
        using var home = new BackupFixture();
        var realData = home.Temp.Combine("ssd", "node-data");
        NodeDataTree.Create(realData);
        File.CreateSymbolicLink(home.DataDir, realData);
        var original = TreeSnapshot.Of(realData);
        var backup = home.Backup();
        File.Delete(Path.Combine(realData, "gstable", "nodekey"));

        home.Engine.Restore(backup.Id, CancellationToken.None);

        Assert.Equal(realData, new FileInfo(home.DataDir).LinkTarget);
        Assert.Equal(original, TreeSnapshot.Of(realData));
        Assert.Equal(["node-data"], TempHome.EntryNames(home.Temp.Combine("ssd")));
    }

    [Fact]
    public void Restore_UnknownId_NamesItAndTheBackupDir()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);

        var error = Assert.Throws<BackupException>(() => home.Engine.Restore("20990101T000000Z-nope", CancellationToken.None));

        Assert.Contains("20990101T000000Z-nope", error.Message, StringComparison.Ordinal);
        Assert.Contains(home.Layout.BackupDir, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../data")]
    [InlineData(".partial-x")]
    [InlineData("")]
    public void Restore_IdThatIsNotABackupName_IsRefused(string id)
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        home.Backup();

        Assert.Throws<BackupException>(() => home.Engine.Restore(id, CancellationToken.None));
    }

    [Fact]
    public void Restore_DamagedBackup_FailsAndLeavesTheDataAsItWas()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        var backup = home.Backup();
        File.Delete(Path.Combine(backup.DataDirectory, "gstable", "chaindata", "000002.ldb"));
        File.WriteAllText(Path.Combine(home.DataDir, "marker"), "current data");
        var before = TreeSnapshot.Of(home.DataDir);

        var error = Assert.Throws<BackupException>(() => home.Engine.Restore(backup.Id, CancellationToken.None));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TreeSnapshot.Of(home.DataDir));
        Assert.Equal(["backups", "data"], TempHome.EntryNames(home.Home));
    }

    [Fact]
    public void Restore_LeftoverTemporaryFromACrashedRestore_IsRemoved()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        var backup = home.Backup();
        var stale = Path.Combine(home.Home, ".data.restore-0123456789ab");
        Directory.CreateDirectory(Path.Combine(stale, "half"));

        home.Engine.Restore(backup.Id, CancellationToken.None);

        Assert.False(Directory.Exists(stale));
    }
}
