using System.Runtime.Versioning;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

[Collection(CliCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class InitCommandTests : IDisposable
{
    private readonly TempHome _temp = CliHome.NewHome();
    private readonly CliHarness _cli = new();

    public InitCommandTests()
    {
        _cli.Environment["DAEMON_HOME"] = _temp.Home;
        _cli.Environment["DAEMON_NAME"] = "gstable";
        _cli.WorkingDirectory = _temp.Root;
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Init_FreshHome_InstallsGenesisAndLinksCurrentRelatively()
    {
        // Arrange
        var source = _temp.Binary("node-v1", "echo v1");

        // Act
        var result = await _cli.RunAsync("init", source);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(_temp.Layout.GenesisBinary));
        Assert.True(File.GetUnixFileMode(_temp.Layout.GenesisBinary).HasFlag(UnixFileMode.UserExecute), "the installed binary must be executable");
        Assert.Equal("genesis", new FileInfo(_temp.Layout.Current).LinkTarget);
        Assert.True(Directory.Exists(Path.Combine(_temp.Layout.Root, "upgrades")), "upgrades/ must exist");
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(Path.Combine(_temp.Layout.Current, "bin", "gstable")));
        Assert.Contains($"installed {_temp.Layout.GenesisBinary}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("-> genesis", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_temp.Layout.GenesisBinary)!, ".*"));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Layout.Root, ".*"));
    }

    [Fact]
    public async Task Init_SameBinaryAgain_IsANoOpSuccess()
    {
        // Arrange
        var source = _temp.Binary("node-v1", "echo v1");
        Assert.Equal(0, (await _cli.RunAsync("init", source)).ExitCode);
        var written = File.GetLastWriteTimeUtc(_temp.Layout.GenesisBinary);

        // Act
        var result = await _cli.RunAsync("init", source);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("already installed", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(_temp.Layout.GenesisBinary));
        Assert.Equal("genesis", new FileInfo(_temp.Layout.Current).LinkTarget);
    }

    [Fact]
    public async Task Init_DifferentBinary_IsRefusedWithExitCode2()
    {
        // Arrange
        var first = _temp.Binary("node-v1", "echo v1");
        var second = _temp.Binary("node-v2", "echo v2");
        Assert.Equal(0, (await _cli.RunAsync("init", first)).ExitCode);

        // Act
        var result = await _cli.RunAsync("init", second);

        // Assert
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("already holds a different binary", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--force", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(_temp.Layout.GenesisBinary));
    }

    [Fact]
    public async Task Init_DifferentBinaryWithForce_ReplacesIt()
    {
        // Arrange
        var first = _temp.Binary("node-v1", "echo v1");
        var second = _temp.Binary("node-v2", "echo version two");
        Assert.Equal(0, (await _cli.RunAsync("init", first)).ExitCode);

        // Act
        var result = await _cli.RunAsync("init", second, "--force");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("replaced", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(second), File.ReadAllBytes(_temp.Layout.GenesisBinary));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_temp.Layout.GenesisBinary)!, ".*"));
    }

    [Fact]
    public async Task Init_RelativeSourcePath_IsResolvedAgainstTheWorkingDirectory()
    {
        _temp.Binary("node-v1", "echo v1");

        var result = await _cli.RunAsync("init", "node-v1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(_temp.Layout.GenesisBinary));
    }

    [Fact]
    public async Task Init_MissingSource_IsRefusedAndCreatesNothing()
    {
        var result = await _cli.RunAsync("init", Path.Combine(_temp.Root, "nothing-here"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{Path.Combine(_temp.Root, "nothing-here")} does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Layout.Root), "a refused init must not create the layout");
    }

    [Fact]
    public async Task Init_DirectorySource_IsRefused()
    {
        var result = await _cli.RunAsync("init", _temp.Root);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a directory", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_DeviceSource_IsRefusedAsNotRegular()
    {
        var result = await _cli.RunAsync("init", "/dev/null");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/dev/null is not a regular file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_NonExecutableSource_IsRefusedWithTheFix()
    {
        var source = _temp.Binary("plain", "echo", executable: false);

        var result = await _cli.RunAsync("init", source);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"chmod +x {source}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_CurrentIsARealDirectory_IsRefused()
    {
        // Arrange
        Directory.CreateDirectory(_temp.Layout.Current);
        var source = _temp.Binary("node-v1", "echo v1");

        // Act
        var result = await _cli.RunAsync("init", source);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a symlink", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_CurrentPointsToAnUpgrade_LeavesItAlone()
    {
        // Arrange
        var source = _temp.Binary("node-v1", "echo v1");
        Directory.CreateDirectory(Path.Combine(_temp.Layout.Root, "upgrades", "v2", "bin"));
        File.CreateSymbolicLink(_temp.Layout.Current, "upgrades/v2");

        // Act
        var result = await _cli.RunAsync("init", source);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("upgrades/v2", new FileInfo(_temp.Layout.Current).LinkTarget);
        Assert.Contains("left as it is", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_WithoutDaemonName_ExitsTwoNamingIt()
    {
        _cli.Environment.Remove("DAEMON_NAME");

        var result = await _cli.RunAsync("init", _temp.Binary("node-v1", "echo v1"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DAEMON_NAME is not set", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Layout.Root));
    }

    [Fact]
    public async Task Init_HomeFromFlag_BeatsTheEnvironment()
    {
        var other = Path.Combine(_temp.Root, "other-home");

        var result = await _cli.RunAsync("init", _temp.Binary("node-v1", "echo v1"), "--home", other, "--name", "wbft");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(other, "wemixvisor", "genesis", "bin", "wbft")));
        Assert.False(Directory.Exists(_temp.Layout.Root));
    }

    [Fact]
    public async Task Init_WithoutBinaryArgument_ExitsTwo()
    {
        var result = await _cli.RunAsync("init");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("<path-to-binary> is missing", result.Stderr, StringComparison.Ordinal);
    }
}
