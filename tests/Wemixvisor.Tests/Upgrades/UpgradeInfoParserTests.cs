using System.Text;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Tests.Upgrades;

public sealed class UpgradeInfoParserTests
{
    private static TriggerFile Parse(string json) => UpgradeInfoParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void CosmosShape_HeightAsString_InfoAsString()
    {
        var file = Parse("""{"name":"v2.0.0","time":"0001-01-01T00:00:00Z","height":"123456","info":"{\"binaries\":{}}"}""");

        var upgrade = Assert.IsType<TriggerFile.Valid>(file).Upgrade;
        Assert.Equal("v2.0.0", upgrade.Name.Value);
        Assert.Equal(123456, upgrade.Height);
        Assert.Equal("0001-01-01T00:00:00Z", upgrade.Time);
        Assert.Equal("\"{\\\"binaries\\\":{}}\"", upgrade.Info);
    }

    [Fact]
    public void WemixvisorShape_InfoObject_UnknownFieldsIgnored()
    {
        var file = Parse("""{"name":"v2","height":10,"info":{"fork":"Anzeon"},"extra":[1,2]}""");

        var upgrade = Assert.IsType<TriggerFile.Valid>(file).Upgrade;
        Assert.Equal(10, upgrade.Height);
        Assert.Null(upgrade.Time);
        Assert.Equal("""{"fork":"Anzeon"}""", upgrade.Info);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("""{"name":"v2","hei""")]
    [InlineData("""{"name":"v2","height":""")]
    [InlineData("{")]
    public void Truncated_IsIncomplete(string json) => Assert.IsType<TriggerFile.Incomplete>(Parse(json));

    [Theory]
    [InlineData("""{"height":10}""", "\"name\" is missing")]
    [InlineData("""{"name":5,"height":10}""", "\"name\" must be a string")]
    [InlineData("""{"name":"../escape","height":10}""", "\"name\"")]
    [InlineData("""{"name":"a/b","height":10}""", "'/'")]
    [InlineData("""{"name":"v2"}""", "\"height\" is missing")]
    [InlineData("""{"name":"v2","height":0}""", "\"height\" must be an integer greater than 0")]
    [InlineData("""{"name":"v2","height":-3}""", "\"height\"")]
    [InlineData("""{"name":"v2","height":1.5}""", "\"height\"")]
    [InlineData("""{"name":"v2","height":"12a"}""", "\"height\"")]
    [InlineData("""{"name":"v2","height":10,"time":5}""", "\"time\" must be a string")]
    [InlineData("""[1,2]""", "top level must be a JSON object")]
    [InlineData("""{"name":"v2","height":10}}""", "not valid JSON")]
    [InlineData("""nonsense""", "not valid JSON")]
    public void WellFormedButWrong_IsInvalid_NamingTheField(string json, string expected)
    {
        var invalid = Assert.IsType<TriggerFile.Invalid>(Parse(json));
        Assert.Contains(expected, invalid.Reason);
    }

    [Fact]
    public void OverOneMebibyte_IsInvalid()
    {
        var big = "{\"name\":\"v2\",\"height\":1,\"info\":\"" + new string('x', UpgradeInfoParser.MaxFileBytes) + "\"}";
        var invalid = Assert.IsType<TriggerFile.Invalid>(Parse(big));
        Assert.Contains("at most", invalid.Reason);
    }

    [Theory]
    [InlineData("""{"name":"v\ud800","height":5}""")]
    [InlineData("""{"name":"v\udc00x","height":5}""")]
    [InlineData("""{"name":"v","height":"\ud800"}""")]
    [InlineData("""{"name":"v","height":5,"time":"\ud800"}""")]
    [InlineData("""{"name":"v","height":5,"info":"{\"binaries\":\"\ud800\"}"}""")]
    [InlineData("""{"name":"v","height":5,"info":{"fork":["a","\ud800"]}}""")]
    [InlineData("""{"name":"v","height":5,"info":{"\ud800":1}}""")]
    public void Parse_LoneSurrogateEscapeInAField_IsInvalid_NamingTheProblem(string json)
    {
        var invalid = Assert.IsType<TriggerFile.Invalid>(Parse(json));

        Assert.StartsWith("not valid JSON: Cannot read ", invalid.Reason, StringComparison.Ordinal);
        Assert.Contains("surrogate", invalid.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SurrogatePairEscapeInInfo_IsValid_KeptAsWritten()
    {
        var upgrade = Assert.IsType<TriggerFile.Valid>(Parse("""{"name":"v2","height":5,"info":{"note":"\ud83d\ude00"}}""")).Upgrade;

        Assert.Equal("""{"note":"\ud83d\ude00"}""", upgrade.Info);
    }

    [Theory]
    [InlineData("""{"name":"v2x","height":5}""")]
    [InlineData("""{"name":"v2","height":5,"info":"x"}""")]
    [InlineData("""{"name":"v2","height":5,"info":{"x":1}}""")]
    [InlineData("""{"name":"v2","height":5,"extra":"x"}""")]
    public void Parse_RawInvalidUtf8ByteInAString_IsInvalid(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        bytes[Array.IndexOf(bytes, (byte)'x')] = 0xF5;

        var invalid = Assert.IsType<TriggerFile.Invalid>(UpgradeInfoParser.Parse(bytes));
        Assert.Equal("not valid JSON: the file is not UTF-8 text", invalid.Reason);
    }

    [Theory]
    [InlineData("""{"name":"v2","height":5}x""")]
    [InlineData("""{"name":"v2","height":5x}""")]
    [InlineData("""x{"name":"v2","height":5}""")]
    public void Parse_RawInvalidUtf8ByteOutsideStrings_IsInvalid_NamingTheByte(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        bytes[Array.IndexOf(bytes, (byte)'x')] = 0xF5;

        var invalid = Assert.IsType<TriggerFile.Invalid>(UpgradeInfoParser.Parse(bytes));
        Assert.StartsWith("not valid JSON: ", invalid.Reason, StringComparison.Ordinal);
        Assert.Contains("'0xF5'", invalid.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EndsInsideAMultiByteCharacter_IsIncomplete()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"name":"v2","height":5,"info":{"note":"é""");

        Assert.IsType<TriggerFile.Incomplete>(UpgradeInfoParser.Parse(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrow()
    {
        var random = new Random(20250131);
        var valid = Encoding.UTF8.GetBytes("""{"name":"v2.0.0","time":"0001-01-01T00:00:00Z","height":"12","info":{"binaries":{"linux/amd64":"https://example.com/\u00e9"}}}""");
        for (var round = 0; round < 2000; round++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            Assert.NotNull(UpgradeInfoParser.Parse(bytes));
        }
    }

    [Theory]
    [InlineData(null, 0, "v1", 5, true)]
    [InlineData("v1", 5, "v1", 5, false)]
    [InlineData("v1", 5, "v2", 5, false)]
    [InlineData("v2", 10, "v1", 5, false)]
    [InlineData("v1", 5, "v2", 6, true)]
    public void Pending_NeedsAnotherNameAndAGreaterHeight(string? applied, long appliedHeight, string name, long height, bool pending)
    {
        var current = applied is null ? AppliedUpgrade.Genesis : new AppliedUpgrade(Core.Layout.UpgradeName.Parse(applied), appliedHeight);
        var info = new UpgradeInfo(Core.Layout.UpgradeName.Parse(name), height, null, "");
        Assert.Equal(pending, current.IsPendingFor(info));
    }
}
