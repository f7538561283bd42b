using Wemixvisor.Platform.Backup;

namespace Wemixvisor.Tests.Backup;

public sealed class SpaceCheckTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void RequiredFor_IsDataPlusTenPercentPlus64MiB()
    {
        Assert.Equal(64 * MiB, SpaceCheck.RequiredFor(0));
        Assert.Equal(1000 * MiB + 100 * MiB + 64 * MiB, SpaceCheck.RequiredFor(1000 * MiB));
    }

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
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("data", "sub"));
        File.WriteAllBytes(temp.Combine("data", "a"), new byte[1000]);
        File.WriteAllBytes(temp.Combine("data", "sub", "b"), new byte[234]);
        File.CreateSymbolicLink(temp.Combine("data", "big-link"), "/usr/bin/dotnet");
        using var home = new BackupFixture(dataDir: temp.Combine("data"));

        Assert.Equal(1234, home.Engine.MeasureData());
    }

    [Fact]
    public void StatvfsFreeSpaceSource_MissingBackupDir_MeasuresItsNearestParent()
    {
        using var temp = new TempDirectory();
        var source = new StatvfsFreeSpaceSource();

        var available = source.AvailableBytes(temp.Combine("not", "yet", "there"));

        Assert.Equal(new DriveInfo(temp.Path).AvailableFreeSpace, available, tolerance: 64 * MiB);
        Assert.True(available > 0);
    }
}
