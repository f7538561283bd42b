using Wemixvisor.IntegrationTests.Backup;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Backup;

namespace Wemixvisor.IntegrationTests.Upgrades;

public sealed class LinuxUpgradePreflightTests
{
    private static JobsFixture ReadyHome(Func<Wemixvisor.Core.Configuration.WemixvisorOptions, Wemixvisor.Core.Configuration.WemixvisorOptions>? configure = null, long freeBytes = long.MaxValue / 2)
    {
        var home = new JobsFixture(configure, freeBytes);
        NodeDataTree.Create(home.Options.DataDir);
        home.InstallBinary();
        return home;
    }

    [Fact]
    public void Check_EverythingInPlace_PassesWithoutChangingAnyMode()
    {
        using var home = ReadyHome();
        var modeBefore = File.GetUnixFileMode(home.UpgradeBinary);

        Assert.Null(home.Preflight.Check(JobsFixture.Upgrade));
        Assert.Equal(modeBefore, File.GetUnixFileMode(home.UpgradeBinary));
    }

    [Fact]
    public void Check_BinaryMissing_NamesTheExpectedPathAndHowToInstall()
    {
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);

        var problem = home.Preflight.Check(JobsFixture.Upgrade);

        Assert.NotNull(problem);
        Assert.Contains($"{home.Options.Home}/wemixvisor/upgrades/v2.0.0/bin/gstable does not exist", problem, StringComparison.Ordinal);
        Assert.Contains("wemixvisor add-upgrade v2.0.0", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BinaryNotExecutable_SaysChmodWithThePath_AndLeavesTheModeAlone()
    {
        using var home = ReadyHome();
        File.SetUnixFileMode(home.UpgradeBinary, NodeDataTree.Mode600);

        var problem = home.Preflight.Check(JobsFixture.Upgrade);

        Assert.NotNull(problem);
        Assert.EndsWith($"chmod +x {home.UpgradeBinary}", problem, StringComparison.Ordinal);
        Assert.Equal(NodeDataTree.Mode600, File.GetUnixFileMode(home.UpgradeBinary));
    }

    [Fact]
    public void Check_BinaryIsADirectory_SaysItIsNotARegularFile()
    {
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);
        Directory.CreateDirectory(home.UpgradeBinary);

        Assert.Contains("is not a regular file", home.Preflight.Check(JobsFixture.Upgrade), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BinarySymlinkedFromOutsideUpgrades_IsRefused()
    {
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);
        var outside = TempHome.WriteScript(home.Combine("downloads", "gstable"), "exit 0");
        Directory.CreateDirectory(Path.GetDirectoryName(home.UpgradeBinary)!);
        File.CreateSymbolicLink(home.UpgradeBinary, outside);

        var problem = home.Preflight.Check(JobsFixture.Upgrade);

        Assert.NotNull(problem);
        Assert.Contains($"resolves to {outside}", problem, StringComparison.Ordinal);
        Assert.Contains("outside", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BinDirectorySymlinkedToOutside_IsRefused()
    {
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);
        TempHome.WriteScript(home.Combine("elsewhere", "bin", "gstable"), "exit 0");
        Directory.CreateDirectory(home.Layout.UpgradeDir(JobsFixture.Upgrade.Name));
        Directory.CreateSymbolicLink(Path.GetDirectoryName(home.UpgradeBinary)!, home.Combine("elsewhere", "bin"));

        Assert.Contains("outside", home.Preflight.Check(JobsFixture.Upgrade), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BinarySymlinkedToAnotherUpgrade_IsAccepted()
    {
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);
        TempHome.WriteScript(Path.Combine(home.Layout.UpgradesDir, "v1.9.0", "bin", "gstable"), "exit 0");
        Directory.CreateDirectory(Path.GetDirectoryName(home.UpgradeBinary)!);
        File.CreateSymbolicLink(home.UpgradeBinary, "../../v1.9.0/bin/gstable");

        Assert.Null(home.Preflight.Check(JobsFixture.Upgrade));
    }

    [Fact]
    public void Check_BinaryDanglingSymlink_SaysWhereItPoints()
    {
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);
        Directory.CreateDirectory(Path.GetDirectoryName(home.UpgradeBinary)!);
        File.CreateSymbolicLink(home.UpgradeBinary, "gstable-2.0.0");

        Assert.Contains("is a symlink to gstable-2.0.0, which does not exist", home.Preflight.Check(JobsFixture.Upgrade), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CustomScriptMissing_NamesItAndTheVariable()
    {
        using var temp = TempHome.Empty();
        var script = temp.Combine("hooks", "pre.sh");
        using var home = ReadyHome(options => options with { CustomPreUpgrade = script });

        var problem = home.Preflight.Check(JobsFixture.Upgrade);

        Assert.NotNull(problem);
        Assert.Contains($"{script} does not exist", problem, StringComparison.Ordinal);
        Assert.Contains("WEMIXVISOR_CUSTOM_PREUPGRADE", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CustomScriptNotExecutable_SaysChmod()
    {
        using var temp = TempHome.Empty();
        var script = TempHome.WriteScript(temp.Combine("pre.sh"), "exit 0", NodeDataTree.Mode600);
        using var home = ReadyHome(options => options with { CustomPreUpgrade = script });

        Assert.EndsWith($"chmod +x {script}", home.Preflight.Check(JobsFixture.Upgrade), StringComparison.Ordinal);
        Assert.Equal(NodeDataTree.Mode600, File.GetUnixFileMode(script));
    }

    [Fact]
    public void Check_UpgradeScriptNotExecutable_SaysChmod()
    {
        using var home = ReadyHome();
        var script = TempHome.WriteScript(home.Layout.UpgradeHookScript(JobsFixture.Upgrade.Name), "exit 0", NodeDataTree.Mode600);

        Assert.EndsWith($"chmod +x {script}", home.Preflight.Check(JobsFixture.Upgrade), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TooLittleSpaceForTheBackup_GivesBothNumbers_ThenPassesOnceSpaceIsFreed()
    {
        using var home = ReadyHome(freeBytes: 1024);
        var required = SpaceCheck.RequiredFor(home.Backups.MeasureData());

        var problem = home.Preflight.Check(JobsFixture.Upgrade);

        Assert.NotNull(problem);
        Assert.Contains("1024 bytes", problem, StringComparison.Ordinal);
        Assert.Contains($"{required} bytes", problem, StringComparison.Ordinal);
        home.FreeSpace.Available = required;
        Assert.Null(home.Preflight.Check(JobsFixture.Upgrade));
    }

    [Fact]
    public void Check_DataSize_IsMeasuredAtMostOncePerMinute()
    {
        using var home = ReadyHome();
        var dataBytes = home.Backups.MeasureData();
        home.FreeSpace.Available = SpaceCheck.RequiredFor(dataBytes);
        Assert.Null(home.Preflight.Check(JobsFixture.Upgrade));

        File.WriteAllBytes(Path.Combine(home.Options.DataDir, "grown"), new byte[1000]);
        Assert.Null(home.Preflight.Check(JobsFixture.Upgrade));
        home.Clock.AdvanceBy(TimeSpan.FromMinutes(1).Ticks);

        Assert.Contains($"{SpaceCheck.RequiredFor(dataBytes + 1000)} bytes", home.Preflight.Check(JobsFixture.Upgrade), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnsafeSkipBackup_IgnoresFreeSpace()
    {
        using var home = ReadyHome(options => options with { UnsafeSkipBackup = true }, freeBytes: 0);

        Assert.Null(home.Preflight.Check(JobsFixture.Upgrade));
    }

    [Fact]
    public void Check_BackupDirInsideData_SaysSo()
    {
        using var home = ReadyHome(options => options with { BackupDir = Path.Combine(options.DataDir, "backups") });

        Assert.Contains("DAEMON_DATA_BACKUP_DIR", home.Preflight.Check(JobsFixture.Upgrade), StringComparison.Ordinal);
    }
}
