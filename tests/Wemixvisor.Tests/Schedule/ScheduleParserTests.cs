using System.Text;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;

namespace Wemixvisor.Tests.Schedule;

public sealed class ScheduleParserTests
{
    private const string TwoUpgrades = """
        {
          "version": 1,
          "upgrades": [
            { "name": "v2", "height": 1200, "status": "pending", "reason": null, "updated_at": "2025-01-31T12:00:00+00:00" },
            { "name": "v3.0.0-rc1", "height": 1500, "status": "rolled_back", "reason": "v3.0.0-rc1 exited with code 1 within 30 s", "updated_at": "2025-02-01T08:30:00.5+09:00" }
          ]
        }
        """;

    private static ScheduleFile Parse(string json) => ScheduleParser.Parse(Encoding.UTF8.GetBytes(json));

    private static string Entry(string fields) => $$"""{"version":1,"upgrades":[{{{fields}}}]}""";

    private static string InvalidReason(ScheduleFile file) => Assert.IsType<ScheduleFile.Invalid>(file).Reason;

    [Fact]
    public void Parse_Null_IsAbsent() => Assert.Same(ScheduleFile.Absent.Instance, ScheduleParser.Parse(null));

    [Fact]
    public void Parse_TwoUpgrades_ReadsEveryField()
    {
        // Act
        var schedule = Assert.IsType<ScheduleFile.Valid>(Parse(TwoUpgrades)).Schedule;

        // Assert
        Assert.Equal(
            [
                new ScheduledUpgrade(UpgradeName.Parse("v2"), 1200, ScheduleStatus.Pending, null, new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero)),
                new ScheduledUpgrade(UpgradeName.Parse("v3.0.0-rc1"), 1500, ScheduleStatus.RolledBack, "v3.0.0-rc1 exited with code 1 within 30 s",
                    new DateTimeOffset(2025, 2, 1, 8, 30, 0, 500, TimeSpan.FromHours(9))),
            ],
            schedule.Entries);
    }

    [Fact]
    public void Parse_NoUpgrades_IsTheEmptySchedule() =>
        Assert.Equal(UpgradeSchedule.Empty, Assert.IsType<ScheduleFile.Valid>(Parse("""{"version":1,"upgrades":[]}""")).Schedule);

    [Fact]
    public void Parse_UnknownFieldsAndMissingOptionalFields_AreAccepted()
    {
        var schedule = Assert.IsType<ScheduleFile.Valid>(Parse("""{"version":1,"comment":"x","upgrades":[{"name":"v2","height":7,"status":"applied","note":[1]}]}""")).Schedule;

        var entry = Assert.Single(schedule.Entries);
        Assert.Equal(new ScheduledUpgrade(UpgradeName.Parse("v2"), 7, ScheduleStatus.Applied, null, null), entry);
    }

    [Theory]
    [InlineData("", "file is empty")]
    [InlineData(" \n\t", "file is empty")]
    [InlineData("nonsense", "not valid JSON")]
    [InlineData("{\"version\":1,\"upgrades\":[]}}", "not valid JSON")]
    [InlineData("{\"version\":1,\"upgrades\":[],}", "not valid JSON")]
    [InlineData("{'version':1}", "not valid JSON")]
    [InlineData("{\"version\":1,\"version\":1,\"upgrades\":[]}", "Duplicate property 'version'")]
    [InlineData("[1,2]", "the top level must be a JSON object, not an array")]
    [InlineData("\"schedule\"", "the top level must be a JSON object, not a string")]
    [InlineData("null", "the top level must be a JSON object, not null")]
    public void Parse_NotASchedule_IsInvalid(string json, string expected) =>
        Assert.Contains(expected, InvalidReason(Parse(json)), StringComparison.Ordinal);

    [Fact]
    public void Parse_ControlCharactersInTheJsonError_AreEscaped()
    {
        var reason = InvalidReason(Parse("nonsense\n\u0007"));

        Assert.DoesNotContain(reason, char.IsControl);
        Assert.Contains("\\u000a", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryTruncationOfAValidFile_IsInvalidAndNeverThrows()
    {
        var bytes = Encoding.UTF8.GetBytes(TwoUpgrades);
        Assert.IsType<ScheduleFile.Valid>(ScheduleParser.Parse(bytes));

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.IsType<ScheduleFile.Invalid>(ScheduleParser.Parse(bytes[..length]));
        }
    }

    [Theory]
    [InlineData("{\"version\":1,\"upgrades\":[{\"name\":\"v2\",\"hei", "JSON ends early")]
    [InlineData("{\"version\":1,\"upgrades\":[", "JSON ends early")]
    [InlineData("{", "JSON ends early")]
    public void Parse_Truncated_SaysSo(string json, string expected) =>
        Assert.Contains(expected, InvalidReason(Parse(json)), StringComparison.Ordinal);

    [Fact]
    public void Parse_TenMebibytes_IsInvalidWithoutParsing()
    {
        var big = new byte[10 << 20];
        Array.Fill(big, (byte)' ');

        Assert.Equal($"file is larger than {ScheduleParser.MaxFileBytes} bytes, the most that is accepted", InvalidReason(ScheduleParser.Parse(big)));
    }

    [Fact]
    public void Parse_OneByteOverTheCap_IsInvalid_AtTheCapIsRead()
    {
        var header = "{\"version\":1,\"upgrades\":[],\"pad\":\"";
        var atCap = header + new string('x', ScheduleParser.MaxFileBytes - header.Length - 2) + "\"}";
        Assert.Equal(ScheduleParser.MaxFileBytes, atCap.Length);

        Assert.IsType<ScheduleFile.Valid>(Parse(atCap));
        Assert.Contains("larger than", InvalidReason(Parse(atCap + " ")), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8InAString_IsInvalid()
    {
        var bytes = Encoding.UTF8.GetBytes(Entry("\"name\":\"v2\",\"height\":1,\"status\":\"pending\",\"reason\":\"xx\""));
        bytes[Array.LastIndexOf(bytes, (byte)'x')] = 0xF5;

        Assert.Equal("not valid JSON: the file is not UTF-8 text", InvalidReason(ScheduleParser.Parse(bytes)));
    }

    [Theory]
    [InlineData("\"name\":\"v\\ud800\",\"height\":1,\"status\":\"pending\"")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"failed\",\"reason\":\"\\udc00x\"")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"pending\",\"updated_at\":\"\\ud800\"")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"pend\\ud800\"")]
    public void Parse_LoneSurrogateEscape_IsInvalid(string fields) =>
        Assert.IsType<ScheduleFile.Invalid>(Parse(Entry(fields)));

    [Fact]
    public void Parse_DeepNesting_IsInvalid()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);

        Assert.Contains("not valid JSON", InvalidReason(Parse(deep)), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrow()
    {
        var random = new Random(20250131);
        var valid = Encoding.UTF8.GetBytes(TwoUpgrades);
        for (var round = 0; round < 2000; round++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            Assert.NotNull(ScheduleParser.Parse(bytes));
        }
        var noise = new byte[4096];
        random.NextBytes(noise);
        Assert.IsType<ScheduleFile.Invalid>(ScheduleParser.Parse(noise));
    }

    [Theory]
    [InlineData("{\"upgrades\":[]}", "field \"version\" is missing")]
    [InlineData("{\"version\":\"1\",\"upgrades\":[]}", "field \"version\" must be 1, not \"1\"")]
    [InlineData("{\"version\":1.5,\"upgrades\":[]}", "field \"version\" must be 1, not 1.5")]
    [InlineData("{\"version\":0,\"upgrades\":[]}", "field \"version\" must be 1, not 0")]
    [InlineData("{\"version\":1e400,\"upgrades\":[]}", "field \"version\" must be 1, not 1e400")]
    [InlineData("{\"version\":2,\"upgrades\":[]}", "field \"version\" is 2; this wemixvisor reads version 1 (was the file written by a newer one?)")]
    [InlineData("{\"version\":1}", "field \"upgrades\" is missing")]
    [InlineData("{\"version\":1,\"upgrades\":{}}", "field \"upgrades\" must be an array, not an object")]
    [InlineData("{\"version\":1,\"upgrades\":[5]}", "upgrades[0] must be a JSON object, not a number")]
    public void Parse_WrongTopLevelFields_AreInvalidNamingTheField(string json, string expected) =>
        Assert.Equal(expected, InvalidReason(Parse(json)));

    [Theory]
    [InlineData("\"height\":1,\"status\":\"pending\"", "upgrades[0]: field \"name\" is missing")]
    [InlineData("\"name\":2,\"height\":1,\"status\":\"pending\"", "upgrades[0]: field \"name\" must be a string, not a number")]
    [InlineData("\"name\":\"v2\",\"status\":\"pending\"", "upgrades[0] (v2): field \"height\" is missing")]
    [InlineData("\"name\":\"v2\",\"height\":\"1200\",\"status\":\"pending\"", "upgrades[0] (v2): field \"height\" must be an integer greater than 0, not \"1200\"")]
    [InlineData("\"name\":\"v2\",\"height\":1.5,\"status\":\"pending\"", "upgrades[0] (v2): field \"height\" must be an integer greater than 0, not 1.5")]
    [InlineData("\"name\":\"v2\",\"height\":0,\"status\":\"pending\"", "upgrades[0] (v2): field \"height\" must be an integer greater than 0, not 0")]
    [InlineData("\"name\":\"v2\",\"height\":-1200,\"status\":\"pending\"", "upgrades[0] (v2): field \"height\" must be an integer greater than 0, not -1200")]
    [InlineData("\"name\":\"v2\",\"height\":9223372036854775808,\"status\":\"pending\"", "upgrades[0] (v2): field \"height\" must be an integer greater than 0, not 9223372036854775808")]
    [InlineData("\"name\":\"v2\",\"height\":1e400,\"status\":\"pending\"", "upgrades[0] (v2): field \"height\" must be an integer greater than 0, not 1e400")]
    [InlineData("\"name\":\"v2\",\"height\":null,\"status\":\"pending\"", "upgrades[0] (v2): field \"height\" must be an integer greater than 0, not null")]
    [InlineData("\"name\":\"v2\",\"height\":1", "upgrades[0] (v2): field \"status\" is missing")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"done\"", "upgrades[0] (v2): field \"status\" must be pending, applied, failed or rolled_back, not \"done\"")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"Pending\"", "upgrades[0] (v2): field \"status\" must be pending, applied, failed or rolled_back, not \"Pending\"")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":3", "upgrades[0] (v2): field \"status\" must be pending, applied, failed or rolled_back, not 3")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"failed\",\"reason\":false", "upgrades[0] (v2): field \"reason\" must be a string or null, not a boolean")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"failed\"", "upgrades[0] (v2): status failed needs a reason")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"rolled_back\",\"reason\":\" \"", "upgrades[0] (v2): status rolled_back needs a reason")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"pending\",\"updated_at\":\"yesterday\"", "upgrades[0] (v2): field \"updated_at\" must be an ISO 8601 time such as \"2025-01-31T12:00:00+00:00\", or null, not \"yesterday\"")]
    [InlineData("\"name\":\"v2\",\"height\":1,\"status\":\"pending\",\"updated_at\":1738324800", "upgrades[0] (v2): field \"updated_at\" must be an ISO 8601 time such as \"2025-01-31T12:00:00+00:00\", or null, not 1738324800")]
    public void Parse_WrongEntryFields_AreInvalidNamingTheEntryAndField(string fields, string expected) =>
        Assert.Equal(expected, InvalidReason(Parse(Entry(fields))));

    [Fact]
    public void Parse_HugeValue_IsShortenedInTheReason()
    {
        var reason = InvalidReason(Parse(Entry($"\"name\":\"v2\",\"height\":{new string('9', 5000)},\"status\":\"pending\"")));

        Assert.True(reason.Length < 200, reason);
        Assert.EndsWith("…", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape", "must start with a letter or digit")]
    [InlineData("v2/bin", "contains '/'")]
    [InlineData("", "upgrade name is empty")]
    [InlineData("v2\\u0000", "the control character U+0000")]
    [InlineData(".hidden", "must start with a letter or digit")]
    public void Parse_UnsafeName_IsInvalid(string name, string expected)
    {
        var reason = InvalidReason(Parse(Entry($"\"name\":\"{name}\",\"height\":1,\"status\":\"pending\"")));

        Assert.StartsWith("upgrades[0]: field \"name\": upgrade name", reason, StringComparison.Ordinal);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverlongName_IsInvalid() =>
        Assert.Contains("at most 128 are allowed", InvalidReason(Parse(Entry($"\"name\":\"{new string('v', 129)}\",\"height\":1,\"status\":\"pending\""))), StringComparison.Ordinal);

    [Fact]
    public void Parse_DuplicateNames_AreInvalid() =>
        Assert.Equal(
            "upgrades[1] (v2): the name is also the name of upgrades[0]; every upgrade is scheduled once",
            InvalidReason(Parse("""{"version":1,"upgrades":[{"name":"v2","height":1,"status":"pending"},{"name":"v2","height":2,"status":"pending"}]}""")));

    [Theory]
    [InlineData(1100)]
    [InlineData(1200)]
    public void Parse_HeightsNotStrictlyIncreasing_AreInvalid(long second) =>
        Assert.Equal(
            $"upgrades[1] (v3): height {second} is not above the height 1200 of upgrades[0] (v2); heights must be strictly increasing",
            InvalidReason(Parse($$"""{"version":1,"upgrades":[{"name":"v2","height":1200,"status":"pending"},{"name":"v3","height":{{second}},"status":"pending"}]}""")));

    public static TheoryData<string> Schedules() => new()
    {
        "empty",
        "one pending",
        "every status",
        "awkward reason",
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void WriteThenParse_GivesTheSameSchedule(string which)
    {
        // Arrange
        var at = new DateTimeOffset(2025, 1, 31, 12, 0, 0, 123, TimeSpan.FromHours(-5));
        ScheduledUpgrade[] entries = which switch
        {
            "empty" => [],
            "one pending" => [new ScheduledUpgrade(UpgradeName.Parse("v2"), 1, ScheduleStatus.Pending, null, at)],
            "every status" =>
            [
                new ScheduledUpgrade(UpgradeName.Parse("v2"), 100, ScheduleStatus.Applied, null, at),
                new ScheduledUpgrade(UpgradeName.Parse("v3"), 200, ScheduleStatus.Failed, "hook failed", at.AddDays(1)),
                new ScheduledUpgrade(UpgradeName.Parse("v4"), 300, ScheduleStatus.RolledBack, "did not come up", null),
                new ScheduledUpgrade(UpgradeName.Parse("v5+build_1"), long.MaxValue, ScheduleStatus.Pending, "kept", at),
            ],
            _ => [new ScheduledUpgrade(UpgradeName.Parse("V-2"), 5, ScheduleStatus.Failed, "\"quoted\" \\ back\nslash, ünïcødé, 🚀, <tag> & \u0001", at)],
        };
        Assert.True(UpgradeSchedule.TryCreate(entries, out var schedule, out var error), error);

        // Act
        var bytes = ScheduleWriter.ToBytes(schedule);

        // Assert
        Assert.Equal(schedule, Assert.IsType<ScheduleFile.Valid>(ScheduleParser.Parse(bytes)).Schedule);
        Assert.Equal((byte)'\n', bytes[^1]);
    }

    [Fact]
    public void ParseThenWrite_OfAnAcceptedFile_IsAcceptedAgainUnchanged()
    {
        var first = Assert.IsType<ScheduleFile.Valid>(Parse(TwoUpgrades)).Schedule;

        var again = Assert.IsType<ScheduleFile.Valid>(ScheduleParser.Parse(ScheduleWriter.ToBytes(first))).Schedule;

        Assert.Equal(first, again);
        Assert.Equal(ScheduleWriter.ToBytes(first), ScheduleWriter.ToBytes(again));
    }

    [Fact]
    public void Write_UsesTheDocumentedFieldNames()
    {
        var at = new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);
        Assert.True(UpgradeSchedule.TryCreate([new ScheduledUpgrade(UpgradeName.Parse("v2"), 1200, ScheduleStatus.Pending, null, at)], out var schedule, out _));

        var text = Encoding.UTF8.GetString(ScheduleWriter.ToBytes(schedule));

        Assert.Equal(
            """
            {
              "version": 1,
              "upgrades": [
                {
                  "name": "v2",
                  "height": 1200,
                  "status": "pending",
                  "reason": null,
                  "updated_at": "2025-01-31T12:00:00+00:00"
                }
              ]
            }

            """.ReplaceLineEndings("\n"),
            text);
    }
}
