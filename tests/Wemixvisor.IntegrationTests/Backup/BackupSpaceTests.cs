using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Backup;

namespace Wemixvisor.IntegrationTests.Backup;

/// <summary>The free-space check of a backup against a real data directory, and the statvfs source it asks.</summary>
public sealed class BackupSpaceTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void CheckSpace_TooLittle_MessageHasBothByteCountsAndTheDirectories()
    {
        using var home = new BackupFixture(freeBytes: 60 * MiB);
        NodeDataTree.Create(home.DataDir);
        var dataBytes = home.Engine.MeasureData();

        var check = home.Engine.CheckSpace(dataBytes);

        Assert.False(check.IsEnough);
        var message = check.Problem!;
        Assert.Contains($"{60 * MiB} bytes", message, StringComparison.Ordinal);
        Assert.Contains($"{SpaceCheck.RequiredFor(dataBytes)} bytes", message, StringComparison.Ordinal);
        Assert.Contains(home.Layout.BackupDir, message, StringComparison.Ordinal);
        Assert.Contains(home.DataDir, message, StringComparison.Ordinal);
        Assert.Equal([home.Layout.BackupDir], home.FreeSpace.AskedFor);
    }

    [Fact]
    public void CheckSpace_ExactlyEnough_HasNoProblem()
    {
        using var home = new BackupFixture();
        NodeDataTree.Create(home.DataDir);
        var dataBytes = home.Engine.MeasureData();
        home.FreeSpace.Available = SpaceCheck.RequiredFor(dataBytes);

        Assert.Null(home.Engine.CheckSpace(dataBytes).Problem);
        home.FreeSpace.Available--;
        Assert.NotNull(home.Engine.CheckSpace(dataBytes).Problem);
    }

    [Fact]
    public void MeasureData_CountsFileBytesOnly()
    {
        using var home = new BackupFixture();
        Directory.CreateDirectory(Path.Combine(home.DataDir, "sub"));
        File.WriteAllBytes(Path.Combine(home.DataDir, "a"), new byte[1000]);
        File.WriteAllBytes(Path.Combine(home.DataDir, "sub", "b"), new byte[234]);
        File.CreateSymbolicLink(Path.Combine(home.DataDir, "big-link"), "/usr/bin/dotnet");

        Assert.Equal(1234, home.Engine.MeasureData());
    }

    [Fact]
    public void StatvfsFreeSpaceSource_MissingBackupDir_MeasuresItsNearestParent()
    {
        using var temp = TempHome.Empty();
        var source = new StatvfsFreeSpaceSource();

        var available = source.AvailableBytes(temp.Combine("not", "yet", "there"));

        Assert.Equal(new DriveInfo(temp.Root).AvailableFreeSpace, available, tolerance: 64 * MiB);
        Assert.True(available > 0);
    }
}
