using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;

namespace Wemixvisor.Tests.Downloads;

public sealed class UpgradeBinariesTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void Locate_CosmosStringInfoWithPlatformKey_FindsUrlAndChecksum()
    {
        var info = "{\"binaries\":{\"linux/arm64\":\"https://x.org/arm\",\"linux/amd64\":\"https://x.org/amd.tar.gz?checksum=sha256:" + Sha + "\",\"any\":\"https://x.org/any\"}}";
        var json = System.Text.Json.JsonSerializer.Serialize(info);

        var found = Assert.IsType<BinaryLocation.Found>(UpgradeBinaries.Locate(json, "linux/amd64"));

        Assert.Equal("https://x.org/amd.tar.gz", found.Source.Url.AbsoluteUri);
        Assert.Equal($"sha256:{Sha}", found.Source.Checksum?.ToString());
    }

    [Fact]
    public void Locate_ObjectInfoWithoutPlatformKey_FallsBackToAny()
    {
        var found = Assert.IsType<BinaryLocation.Found>(UpgradeBinaries.Locate("""{"binaries":{"any":"https://x.org/node"}}""", "linux/amd64"));

        Assert.Equal("https://x.org/node", found.Source.Url.AbsoluteUri);
        Assert.Null(found.Source.Checksum);
    }

    [Fact]
    public void Locate_InfoThatIsAUrl_IsADocument()
    {
        var document = Assert.IsType<BinaryLocation.Document>(UpgradeBinaries.Locate("\"https://x.org/plan.json?checksum=x\"", "linux/amd64"));

        Assert.Equal("https://x.org/plan.json?checksum=x", document.Url.OriginalString);
    }

    [Theory]
    [InlineData("", "has no info")]
    [InlineData("{}", "has no \"binaries\" map")]
    [InlineData("\"free text\"", "names no binaries")]
    [InlineData("""{"binaries":{"linux/arm64":"https://x.org/a"}}""", "lists no binary for linux/amd64 or any")]
    [InlineData("""{"binaries":{"any":"ftp://x.org/a"}}""", "is not an http:// or https:// URL")]
    [InlineData("""{"binaries":{"any":"https://x.org/a?checksum=md5:abc"}}""", "must be sha256 or sha512")]
    public void Locate_NoUsableUrl_SaysWhy(string info, string expected)
    {
        var none = Assert.IsType<BinaryLocation.None>(UpgradeBinaries.Locate(info, "linux/amd64"));

        Assert.Contains(expected, none.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void InfoFor_ASource_IsLocatedBackToTheSameSource()
    {
        Assert.True(BinarySource.TryParse($"https://x.org/n?sig=secret&checksum=sha256:{Sha}", null, out var source, out _));

        var found = Assert.IsType<BinaryLocation.Found>(UpgradeBinaries.Locate(UpgradeBinaries.InfoFor(source), "linux/arm64"));

        Assert.Equal(source, found.Source);
    }

    [Fact]
    public void Shown_UrlWithQueryAndUserInfo_HidesThem()
    {
        Assert.True(BinarySource.TryParse("https://user:pw@x.org:8443/a/b?X-Amz-Signature=secret", null, out var source, out _));

        Assert.Equal("https://…@x.org:8443/a/b?…", source.Shown);
    }

    [Fact]
    public void TryParse_ChecksumGivenTwiceDifferently_IsRefused()
    {
        var other = new string('0', 64);

        Assert.False(BinarySource.TryParse($"https://x.org/n?checksum=sha256:{Sha}", $"sha256:{other}", out _, out var error));
        Assert.Contains("differs", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256:abc", "is 64 hex digits")]
    [InlineData("crc32:abcd", "must be sha256 or sha512")]
    [InlineData("nocolon", "must be sha256:<64 hex digits>")]
    public void ChecksumTryParse_Invalid_SaysWhy(string text, string expected)
    {
        Assert.False(Checksum.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ChecksumMatches_ComparesTheDigest()
    {
        Assert.True(Checksum.TryParse("SHA256:" + Sha.ToUpperInvariant(), out var checksum, out _));

        Assert.True(checksum.Matches(System.Security.Cryptography.SHA256.HashData("test"u8)));
        Assert.False(checksum.Matches(System.Security.Cryptography.SHA256.HashData("tesT"u8)));
    }

    [Theory]
    [InlineData(2L << 30, "2GiB")]
    [InlineData(1536L << 20, "1536MiB")]
    [InlineData(1000L, "1000")]
    public void ByteSizeFormat_UsesTheLargestExactUnit(long bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.Format(bytes));
    }

    [Fact]
    public void ScheduleWriter_EntryWithUrl_RoundTripsThroughTheParser()
    {
        Assert.True(BinarySource.TryParse("https://x.org/n.tar.gz", $"sha512:{new string('a', 128)}", out var source, out _));
        Assert.True(UpgradeName.TryParse("v2", out var name, out _));
        var schedule = UpgradeSchedule.Empty.Add(name.Value, 100, Core.Upgrades.AppliedUpgrade.Genesis, DateTimeOffset.UnixEpoch, source);
        var done = Assert.IsType<ScheduleEdit.Done>(schedule);

        var read = Assert.IsType<ScheduleFile.Valid>(ScheduleParser.Parse(ScheduleWriter.ToBytes(done.Schedule)));

        Assert.Equal(source, read.Schedule.Entries[0].Source);
        Assert.Equal(done.Schedule, read.Schedule);
    }

    [Fact]
    public void ScheduleParser_BadUrl_NamesTheEntryAndField()
    {
        var json = """{"version":1,"upgrades":[{"name":"v2","height":5,"status":"pending","url":"file:///etc/passwd"}]}"""u8.ToArray();

        var invalid = Assert.IsType<ScheduleFile.Invalid>(ScheduleParser.Parse(json));

        Assert.StartsWith("upgrades[0] (v2): field \"url\":", invalid.Reason, StringComparison.Ordinal);
    }
}
