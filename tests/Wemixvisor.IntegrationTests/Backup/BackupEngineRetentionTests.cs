namespace Wemixvisor.IntegrationTests.Backup;

public sealed class BackupEngineRetentionTests
{
    [Fact]
    public void List_ShowsIdUpgradeTimeAndSize_NewestFirst()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        var older = home.Backup("v2", 100);
        home.Clock.AdvanceBy(TimeSpan.FromHours(1).Ticks);
        var newer = home.Backup("v3", 200);

        var listed = home.Engine.List();

        Assert.Equal([newer.Id, older.Id], listed.Select(record => record.Id));
        Assert.Equal(["v3", "v2"], listed.Select(record => record.Upgrade));
        Assert.Equal([BackupFixture.Start.AddHours(1), BackupFixture.Start], listed.Select(record => record.CreatedUtc));
        Assert.All(listed, record => Assert.Equal(older.TotalBytes, record.TotalBytes));
        Assert.True(older.TotalBytes > 4_000_000, "the size is the data's, not the manifest's");
    }

    [Fact]
    public void List_IgnoresDirectoriesThatAreNotBackups()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        var backup = home.Backup();
        Directory.CreateDirectory(Path.Combine(home.Layout.BackupDir, "operator-notes"));
        Directory.CreateDirectory(Path.Combine(home.Layout.BackupDir, ".partial-abc"));
        File.WriteAllText(Path.Combine(home.Layout.BackupDir, "readme.txt"), "not a backup");

        Assert.Equal([backup.Id], home.Engine.List().Select(record => record.Id));
    }

    [Fact]
    public void List_NoBackupDirYet_IsEmpty()
    {
        using var home = new BackupFixture();

        Assert.Empty(home.Engine.List());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(5, 4)]
    public void Prune_KeepsTheNewestN(int keep, int expectedLeft)
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        var created = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            created.Add(home.Backup($"v{i}", i * 100).Id);
            home.Clock.AdvanceBy(TimeSpan.FromMinutes(1).Ticks);
        }
        Directory.CreateDirectory(Path.Combine(home.Layout.BackupDir, "operator-notes"));

        var removed = home.Engine.Prune(keep);

        var newestFirst = Enumerable.Reverse(created).ToList();
        Assert.Equal(newestFirst.Take(expectedLeft), home.Engine.List().Select(record => record.Id));
        Assert.Equal(newestFirst.Skip(expectedLeft), removed.Select(record => record.Id));
        foreach (var id in newestFirst.Skip(expectedLeft))
        {
            Assert.False(Directory.Exists(Path.Combine(home.Layout.BackupDir, id)), $"{id} is removed from disk");
        }
        Assert.True(Directory.Exists(Path.Combine(home.Layout.BackupDir, "operator-notes")), "prune removes only backups");
        Assert.DoesNotContain(Directory.EnumerateDirectories(home.Layout.BackupDir), path => Path.GetFileName(path).StartsWith('.'));
    }

    [Fact]
    public void Prune_RemovesLeftoverPartials()
    {
        using var home = new BackupFixture();
        var crashed = Path.Combine(home.Layout.BackupDir, ".partial-removing-20260101T000000Z-v1");
        Directory.CreateDirectory(Path.Combine(crashed, "data", "readonly"));
        File.SetUnixFileMode(Path.Combine(crashed, "data", "readonly"), NodeDataTree.Mode555);

        home.Engine.Prune(3);

        Assert.False(Directory.Exists(crashed));
    }
}
