using System.Net.Sockets;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Backup;

namespace Wemixvisor.IntegrationTests.Backup;

public sealed class BackupEngineCreateTests
{
    [Fact]
    public void Create_GethStyleData_CopyIsIdenticalInPathsModesTimesBytesAndLinks()
    {
        // Arrange
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);

        // Act
        var backup = home.Backup();

        // Assert
        Assert.Equal(TreeSnapshot.Of(home.DataDir), TreeSnapshot.Of(backup.DataDirectory));
        Assert.Equal("gstable/nodekey", new FileInfo(Path.Combine(backup.DataDirectory, "nodekey-link")).LinkTarget);
        Assert.Equal("/etc/hostname", new FileInfo(Path.Combine(backup.DataDirectory, "outside")).LinkTarget);
        Assert.True(Directory.Exists(Path.Combine(backup.DataDirectory, "empty", "nested-empty")), "empty directories are kept");
    }

    [Fact]
    public void Create_NamesBackupAfterUtcStartAndUpgrade_AndWritesManifestBesideTheData()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);

        var backup = home.Backup("v2.0.0", 4242);

        Assert.Equal("20260102T030405Z-v2.0.0", backup.Id);
        Assert.Equal(Path.Combine(home.Layout.BackupDir, "20260102T030405Z-v2.0.0"), backup.Directory);
        Assert.Equal(["data", "manifest.json"], TempHome.EntryNames(backup.Directory));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(backup.Directory, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal("v2.0.0", root.GetProperty("upgrade").GetString());
        Assert.Equal(4242, root.GetProperty("height").GetInt64());
        Assert.Equal(BackupFixture.Start, root.GetProperty("createdUtc").GetDateTimeOffset());
        var files = TreeSnapshot.Of(home.DataDir).Where(line => line.Contains(" file ", StringComparison.Ordinal)).ToList();
        Assert.Equal(18, files.Count);
        Assert.Equal(files.Count, root.GetProperty("files").GetInt32());
        var sizes = files.Select(line => long.Parse(line.Split(' ').Single(part => part.StartsWith("size=", StringComparison.Ordinal))["size=".Length..]));
        Assert.Equal(sizes.Sum(), root.GetProperty("totalBytes").GetInt64());
        Assert.Equal(4, root.GetProperty("symlinks").GetInt32());
        Assert.Equal(9, root.GetProperty("directories").GetInt32());
    }

    [Fact]
    public void Create_ManualBackup_IsCalledManual()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);

        var backup = home.Backup(upgrade: null);

        Assert.Equal("20260102T030405Z-manual", backup.Id);
        Assert.Null(backup.Upgrade);
        Assert.Null(backup.Height);
    }

    [Fact]
    public void Create_TwiceInTheSameSecond_GivesTwoSeparateBackups()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);

        var first = home.Backup();
        File.WriteAllText(Path.Combine(home.DataDir, "later.txt"), "written after the first backup");
        var second = home.Backup();

        Assert.Equal("20260102T030405Z-v2.0.0", first.Id);
        Assert.Equal("20260102T030405Z-v2.0.0-2", second.Id);
        Assert.False(File.Exists(Path.Combine(first.DataDirectory, "later.txt")), "the first backup was not merged with the second");
        Assert.True(File.Exists(Path.Combine(second.DataDirectory, "later.txt")));
    }

    [Fact]
    public void Create_StaleIpcSocket_IsLeftOutAndNamedInManifest()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        var socketPath = Path.Combine(home.DataDir, "gstable.ipc");
        // Kept open: .NET unlinks the socket file when a bound socket is disposed.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        var backup = home.Backup();

        Assert.False(Path.Exists(Path.Combine(backup.DataDirectory, "gstable.ipc")));
        Assert.Equal(["gstable.ipc"], backup.Manifest.SkippedSpecialFiles);
        Assert.Contains(home.Log.Entries, entry => entry.EventId == 4004 && entry.Message.Contains(socketPath, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_LeftoverPartialFromACrash_IsRemovedAndNeverListed()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        var crashed = Path.Combine(home.Layout.BackupDir, ".partial-0123456789");
        Directory.CreateDirectory(Path.Combine(crashed, "data"));
        File.WriteAllText(Path.Combine(crashed, "manifest.json"), "{}");

        Assert.Empty(home.Engine.List());
        var backup = home.Backup();

        Assert.False(Directory.Exists(crashed));
        Assert.Equal([backup.Id], home.Engine.List().Select(record => record.Id));
        Assert.Equal([backup.Id], TempHome.EntryNames(home.Layout.BackupDir));
    }

    [Fact]
    public void Create_MissingDataDir_FailsNamingItAndLeavesNothingBehind()
    {
        using var home = new BackupFixture();

        var error = Assert.Throws<BackupException>(() => home.Backup());

        Assert.Contains(home.DataDir, error.Message, StringComparison.Ordinal);
        Assert.Contains("DAEMON_DATA_DIR", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(home.Layout.BackupDir) && Directory.EnumerateFileSystemEntries(home.Layout.BackupDir).Any());
    }

    [Fact]
    public void Create_BackupDirInsideData_IsRefused()
    {
        using var home = new BackupFixture(backupDir: Path.Combine("data", "backups"));
        NodeDataTree.Create(home.DataDir);

        var error = Assert.Throws<BackupException>(() => home.Backup());

        Assert.Contains("DAEMON_DATA_BACKUP_DIR", error.Message, StringComparison.Ordinal);
        Assert.Contains(home.Layout.BackupDir, error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, home.Engine.LocationProblem());
    }

    [Fact]
    public void Create_Cancelled_LeavesNoBackupAndNoPartial()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => home.Engine.Create(BackupLabel.Manual, cancelled.Token));

        Assert.Empty(home.Engine.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(home.Layout.BackupDir));
    }
}
