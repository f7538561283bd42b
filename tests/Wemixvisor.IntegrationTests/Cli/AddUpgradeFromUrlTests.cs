using System.Runtime.Versioning;
using System.Text;
using Wemixvisor.IntegrationTests.Downloads;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

/// <summary><c>add-upgrade &lt;name&gt; &lt;URL&gt;</c> against a local server: download now, or a URL kept in the schedule.</summary>
[Collection(CliCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class AddUpgradeFromUrlTests : IAsyncLifetime
{
    private static readonly byte[] Node = Encoding.UTF8.GetBytes("#!/bin/sh\necho v2\n");

    private readonly TempHome _home = CliHome.NewHome();
    private readonly CliHarness _cli;
    private DownloadServer _server = null!;

    public AddUpgradeFromUrlTests() => _cli = CliHome.For(_home);

    public async Task InitializeAsync() => _server = await DownloadServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task AddUpgrade_UrlWithChecksumOption_DownloadsAndInstallsNow()
    {
        await _cli.InitAsync(_home);
        _server.Serve("/node", Node);

        var result = await _cli.RunAsync("add-upgrade", "v2", _server.Url("/node"), "--checksum", Archives.Sha256(Node));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"upgrade v2: binary staged at {_home.UpgradeBinary("v2")}", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(Node, File.ReadAllBytes(_home.UpgradeBinary("v2")));
    }

    [Fact]
    public async Task AddUpgrade_UrlWithHeight_RecordsTheUrlForLaterAndDownloadsNothing()
    {
        await _cli.InitAsync(_home);

        var result = await _cli.RunAsync("add-upgrade", "v2", _server.Url("/node") + "?checksum=" + Archives.Sha256(Node), "--height", "100");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("wemixvisor prepare-upgrade v2", result.Stdout, StringComparison.Ordinal);
        var schedule = File.ReadAllText(_home.Layout.ScheduleFile);
        Assert.Contains($"\"url\": \"{_server.Url("/node")}\"", schedule, StringComparison.Ordinal);
        Assert.Contains($"\"checksum\": \"{Archives.Sha256(Node)}\"", schedule, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);

        _server.Serve("/node", Node);
        var prepared = await _cli.RunAsync("prepare-upgrade");
        Assert.True(prepared.ExitCode == 0, prepared.ToString());
        Assert.Equal(Node, File.ReadAllBytes(_home.UpgradeBinary("v2")));
    }

    [Fact]
    public async Task AddUpgrade_BadChecksum_IsUsageErrorWithExitCode2()
    {
        await _cli.InitAsync(_home);

        var result = await _cli.RunAsync("add-upgrade", "v2", _server.Url("/node"), "--checksum", "md5:abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the algorithm must be sha256 or sha512", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareUpgrade_NothingPending_ExitsThree()
    {
        await _cli.InitAsync(_home);

        var result = await _cli.RunAsync("prepare-upgrade");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no upgrade is pending", result.Stderr, StringComparison.Ordinal);
    }
}
