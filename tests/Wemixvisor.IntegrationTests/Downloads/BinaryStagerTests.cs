using System.Formats.Tar;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Downloads;

namespace Wemixvisor.IntegrationTests.Downloads;

/// <summary>Downloads from a local Kestrel server into a temporary home: formats, layouts, and every way a download fails.</summary>
public sealed class BinaryStagerTests : IAsyncLifetime
{
    private static readonly byte[] Node = Encoding.UTF8.GetBytes("#!/bin/sh\necho v2\n");
    private static readonly UpgradeName V2 = UpgradeName.Parse("v2");

    private readonly TempHome _home = TempHome.Create();
    private readonly HttpFetcher _fetcher = new();
    private DownloadServer _server = null!;

    public async Task InitializeAsync() => _server = await DownloadServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _fetcher.Dispose();
        _home.Dispose();
    }

    public static TheoryData<string, string> Layouts => new()
    {
        { "tar.gz", "bin/{0}" }, { "tar.gz", "{0}" }, { "tar.gz", "node-v2/bin/{0}" }, { "tar.gz", "node-v2/{0}" },
        { "tar", "bin/{0}" },
        { "zip", "bin/{0}" }, { "zip", "{0}" }, { "zip", "node-v2/bin/{0}" }, { "zip", "node-v2/{0}" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Stage_ArchiveInEachLayout_BinaryEndsInUpgradeBin(string format, string layout)
    {
        var entry = string.Format(System.Globalization.CultureInfo.InvariantCulture, layout, _home.DaemonName);
        var readme = entry.StartsWith("node-v2/", StringComparison.Ordinal) ? "node-v2/README" : "README";
        var body = format == "zip"
            ? Archives.Zip((readme, "hello"u8.ToArray()), (entry, Node))
            : Archives.Tar(format == "tar.gz", Archives.File(readme, "hello"u8.ToArray()), Archives.File(entry, Node));
        _server.Serve("/node." + format, body);

        var binary = await Stage(Source("/node." + format, Archives.Sha256(body)));

        Assert.Equal(_home.UpgradeBinary("v2"), binary);
        Assert.Equal(Node, File.ReadAllBytes(binary));
        Assert.True(File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task Stage_PlainBinaryWithSha512_TakenAsItIs()
    {
        _server.Serve("/node", Node);

        var binary = await Stage(Source("/node", Archives.Sha512(Node)));

        Assert.Equal(Node, File.ReadAllBytes(binary));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task Stage_ThroughARedirect_Downloads()
    {
        _server.Serve("/real/node", Node);
        _server.Redirect("/latest", "/real/node");

        var binary = await Stage(Source("/latest", Archives.Sha256(Node)));

        Assert.Equal(Node, File.ReadAllBytes(binary));
        Assert.Equal(["/latest", "/real/node"], _server.Requests);
    }

    [Fact]
    public async Task Stage_RedirectToPlainHttpElsewhere_IsRefused()
    {
        _server.Redirect("/node", "http://192.0.2.1/node");

        var failure = await Failure(Source("/node", Archives.Sha256(Node)));

        Assert.False(failure.Retryable);
        Assert.Contains("is plain http; use https", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_WrongChecksum_RefusedNotRetryableAndNothingInstalled()
    {
        _server.Serve("/node", Node);

        var failure = await Failure(Source("/node", Archives.Sha256("other"u8.ToArray())));

        Assert.False(failure.Retryable);
        Assert.StartsWith("checksum mismatch: expected sha256:", failure.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_home.Layout.UpgradesDir, "v2")));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task Stage_NotFound_RetryableWithTheStatus()
    {
        var failure = await Failure(Source("/missing", Archives.Sha256(Node)));

        Assert.True(failure.Retryable);
        Assert.Equal("the server answered 404 Not Found", failure.Message);
        AssertNoLeftovers();
    }

    [Fact]
    public async Task Stage_ServerStallsMidBody_FailsAfterTheStallTimeout()
    {
        var body = new byte[100_000];
        _server.Stall("/node", body, sent: 1000);
        var limits = Limits() with { StallTimeout = TimeSpan.FromMilliseconds(500) };

        var failure = await Failure(Source("/node", Archives.Sha256(body)), limits);

        Assert.True(failure.Retryable);
        Assert.Equal("the server sent nothing for 00:00:00.5000000", failure.Message);
        AssertNoLeftovers();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stage_BodyLargerThanTheLimit_Refused(bool announced)
    {
        var body = new byte[300_000];
        if (announced)
        {
            _server.Serve("/node", body);
        }
        else
        {
            _server.Chunked("/node", body);
        }

        var failure = await Failure(Source("/node", Archives.Sha256(body)), Limits() with { MaxBytes = 100_000 });

        Assert.False(failure.Retryable);
        Assert.StartsWith("the body is larger than WEMIXVISOR_DOWNLOAD_MAX_SIZE", failure.Message, StringComparison.Ordinal);
        AssertNoLeftovers();
    }

    [Fact]
    public async Task Stage_NoChecksumWhileRequired_RefusedWithoutARequest()
    {
        _server.Serve("/node", Node);

        var failure = await Failure(Source("/node", checksum: null));

        Assert.Contains("has no checksum and DAEMON_DOWNLOAD_MUST_HAVE_CHECKSUM is true", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Stage_NoChecksumAllowed_Downloads()
    {
        _server.Serve("/node", Node);

        var binary = await Stage(Source("/node", checksum: null), Limits() with { MustHaveChecksum = false });

        Assert.Equal(Node, File.ReadAllBytes(binary));
    }

    [Fact]
    public async Task Resolve_InfoUrlDocument_FindsTheBinaryInIt()
    {
        var plan = "{\"binaries\":{\"" + PlatformKey.Current + "\":\"" + _server.Url("/node") + "?checksum=" + Archives.Sha256(Node) + "\"}}";
        _server.Serve("/plan.json", Encoding.UTF8.GetBytes(plan));
        _server.Serve("/node", Node);
        var stager = Stager(Limits());

        var source = await stager.ResolveAsync(V2, UpgradeBinaries.Locate($"\"{_server.Url("/plan.json")}\"", PlatformKey.Current), CancellationToken.None);
        var binary = await stager.StageAsync(V2, source, null, CancellationToken.None);

        Assert.Equal(Node, File.ReadAllBytes(binary));
    }

    [Fact]
    public async Task Stage_LeftoversOfAKilledDownload_RemovedAndNeverInstalled()
    {
        File.WriteAllText(Path.Combine(_home.Layout.UpgradesDir, ".v2.partial"), "half");
        Directory.CreateDirectory(Path.Combine(_home.Layout.UpgradesDir, ".v2.unpack-1", "tree", "bin"));
        _server.Serve("/node", Node);

        var binary = await Stage(Source("/node", Archives.Sha256(Node)));

        Assert.Equal(Node, File.ReadAllBytes(binary));
        AssertNoLeftovers();
    }

    // ---- hostile archives ----

    public static TheoryData<string> HostileArchives => new()
    {
        "dotdot", "absolute", "symlink-to-etc", "symlink-up", "hardlink-outside", "device", "zip-dotdot", "zip-bomb", "many-entries",
    };

    [Theory]
    [MemberData(nameof(HostileArchives))]
    public async Task Stage_HostileArchive_RefusedAndNothingWrittenOutsideUpgrades(string kind)
    {
        var outside = _home.Combine("outside");
        var (body, expected) = Hostile(kind, outside);
        _server.Serve("/evil", body);
        var before = Listing(_home.Root);

        var failure = await Failure(Source("/evil", Archives.Sha256(body)), Limits() with { MaxBytes = Math.Max(1 << 20, body.Length) });

        Assert.False(failure.Retryable);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_home.Layout.UpgradesDir, "v2")));
        Assert.False(File.Exists(outside));
        Assert.Equal(before, Listing(_home.Root).Where(path => !path.EndsWith(".v2.download-lock", StringComparison.Ordinal)));
    }

    private (byte[] Body, string Expected) Hostile(string kind, string outside)
    {
        var binary = Archives.File("bin/" + _home.DaemonName, Node);
        return kind switch
        {
            "dotdot" => (Archives.Tar(true, binary, Archives.File("../../../../outside", Node)), "has a '..' in its path"),
            "absolute" => (Archives.Tar(true, binary, Archives.File(outside, Node)), "has an absolute path"),
            "symlink-to-etc" => (Archives.Tar(true, binary, Archives.Link(TarEntryType.SymbolicLink, "etc", "/etc"), Archives.File("etc/wemixvisor-test", Node)),
                "is a link to the absolute path \"/etc\""),
            "symlink-up" => (Archives.Tar(true, binary, Archives.Link(TarEntryType.SymbolicLink, "up", "../../../.."), Archives.File("up/outside", Node)),
                "which leads outside the upgrade"),
            "hardlink-outside" => (Archives.Tar(true, binary, Archives.Link(TarEntryType.HardLink, "shadow", "../../../../etc/passwd")), "is a hard link to"),
            "device" => (Archives.Tar(true, binary, new PaxTarEntry(TarEntryType.CharacterDevice, "null") { DeviceMajor = 1, DeviceMinor = 3 }), "is a device or pipe"),
            "zip-dotdot" => (Archives.Zip(("bin/" + _home.DaemonName, Node), ("../../outside", Node)), "has a '..' in its path"),
            "zip-bomb" => (Archives.Zip(("bin/" + _home.DaemonName, new byte[50 << 20])), "unpacks to more than WEMIXVISOR_DOWNLOAD_MAX_SIZE"),
            "many-entries" => (Archives.Tar(true, Enumerable.Range(0, 200_000).Select(i => (TarEntry)new PaxTarEntry(TarEntryType.Directory, $"d{i}/"))),
                "holds more than 100000 entries"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static string[] Listing(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal).ToArray();

    private void AssertNoLeftovers() =>
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_home.Layout.UpgradesDir), path =>
            path.EndsWith(".partial", StringComparison.Ordinal) || path.Contains(".unpack-", StringComparison.Ordinal));

    private BinarySource Source(string path, string? checksum) =>
        BinarySource.TryParse(_server.Url(path), checksum, out var source, out var error) ? source : throw new InvalidOperationException(error);

    private static DownloadLimits Limits() => new(2L << 30, AllowInsecure: false, MustHaveChecksum: true);

    private BinaryStager Stager(DownloadLimits limits) => new(_home.Layout, limits, _fetcher, TimeProvider.System, NullLogger.Instance);

    private Task<string> Stage(BinarySource source, DownloadLimits? limits = null) =>
        Stager(limits ?? Limits()).StageAsync(V2, source, null, CancellationToken.None);

    private async Task<DownloadException> Failure(BinarySource source, DownloadLimits? limits = null) =>
        await Assert.ThrowsAsync<DownloadException>(() => Stage(source, limits));
}
