using System.Runtime.Versioning;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

[Collection(CliCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class AddUpgradeCommandTests : IDisposable
{
    private readonly TempHome _home = CliHome.NewHome();
    private readonly CliHarness _cli;

    public AddUpgradeCommandTests() => _cli = CliHome.For(_home);

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task AddUpgrade_NewName_CopiesTheBinaryExecutableAndPrintsTheDestination()
    {
        // Arrange
        await _cli.InitAsync(_home);
        var source = _home.Binary("node-v2", "echo v2", executable: true);
        File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        // Act
        var result = await _cli.RunAsync("add-upgrade", "v2.0.0", source);

        // Assert
        var destination = _home.UpgradeBinary("v2.0.0");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"installed {destination} (from {source})\n", result.Stdout);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(destination));
        var mode = File.GetUnixFileMode(destination);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute) && mode.HasFlag(UnixFileMode.OtherExecute), $"mode {mode}");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(destination)!, ".*"));
    }

    [Fact]
    public async Task AddUpgrade_SameBinaryAgain_ChangesNothing()
    {
        // Arrange
        await _cli.InitAsync(_home);
        var source = _home.Binary("node-v2", "echo v2");
        Assert.Equal(0, (await _cli.RunAsync("add-upgrade", "v2", source)).ExitCode);
        var written = File.GetLastWriteTimeUtc(_home.UpgradeBinary("v2"));

        // Act
        var result = await _cli.RunAsync("add-upgrade", "v2", source);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("already installed and identical", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(_home.UpgradeBinary("v2")));
    }

    [Fact]
    public async Task AddUpgrade_DifferentBinaryWithoutForce_IsRefusedWithExitCode2()
    {
        // Arrange
        await _cli.InitAsync(_home);
        var first = _home.Binary("node-v2a", "echo first");
        var second = _home.Binary("node-v2b", "echo second");
        Assert.Equal(0, (await _cli.RunAsync("add-upgrade", "v2", first)).ExitCode);

        // Act
        var result = await _cli.RunAsync("add-upgrade", "v2", second);

        // Assert
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"error: cannot add upgrade v2: {_home.UpgradeBinary("v2")} already holds a different binary; pass --force to replace it\n", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(_home.UpgradeBinary("v2")));
    }

    [Fact]
    public async Task AddUpgrade_DifferentBinaryWithForce_ReplacesIt()
    {
        // Arrange
        await _cli.InitAsync(_home);
        var first = _home.Binary("node-v2a", "echo first");
        var second = _home.Binary("node-v2b", "echo second, longer");
        Assert.Equal(0, (await _cli.RunAsync("add-upgrade", "v2", first)).ExitCode);

        // Act
        var result = await _cli.RunAsync("add-upgrade", "v2", second, "--force");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"replaced {_home.UpgradeBinary("v2")} (from {second})\n", result.Stdout);
        Assert.Equal(File.ReadAllBytes(second), File.ReadAllBytes(_home.UpgradeBinary("v2")));
    }

    [Theory]
    [InlineData("../escape", "must start with a letter or digit")]
    [InlineData("v2/bin", "contains '/'")]
    [InlineData("v2 beta", "contains ' '")]
    [InlineData("", "upgrade name is empty")]
    public async Task AddUpgrade_InvalidName_IsRefusedWithExitCode2AndCreatesNothing(string name, string reason)
    {
        // Arrange
        await _cli.InitAsync(_home);
        var source = _home.Binary("node-v2", "echo v2");

        // Act
        var result = await _cli.RunAsync("add-upgrade", name, source);

        // Assert
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: upgrade name", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_home.Layout.Root, "upgrades")));
        Assert.False(Directory.Exists(Path.Combine(_home.Home, "escape")));
    }

    [Fact]
    public async Task AddUpgrade_NonExecutableSource_IsRefusedWithTheFix()
    {
        await _cli.InitAsync(_home);
        var source = _home.Binary("plain", "echo", executable: false);

        var result = await _cli.RunAsync("add-upgrade", "v2", source);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"chmod +x {source}", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_home.UpgradeBinary("v2")));
    }

    [Fact]
    public async Task AddUpgrade_HomeNotInitialised_IsRefusedNamingInit()
    {
        var result = await _cli.RunAsync("add-upgrade", "v2", _home.Binary("node-v2", "echo v2"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("wemixvisor init", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_home.Layout.Root));
    }

    [Fact]
    public async Task AddUpgrade_ExistingLowerCaseDirectory_IsUsedLikeCosmovisorDoes()
    {
        // Arrange: the directory was created in lower case; the trigger names the upgrade in upper case.
        await _cli.InitAsync(_home);
        Directory.CreateDirectory(Path.Combine(_home.Layout.Root, "upgrades", "v2-hardfork"));

        // Act
        var result = await _cli.RunAsync("add-upgrade", "V2-Hardfork", _home.Binary("node-v2", "echo v2"));

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(_home.UpgradeBinary("v2-hardfork")));
        Assert.False(Directory.Exists(Path.Combine(_home.Layout.Root, "upgrades", "V2-Hardfork")));
    }
}
