using System.Text;
using System.Text.Json;
using CsCheck;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Tests.Properties;

/// <summary>
/// The trigger, schedule and config parsers on any bytes: raw noise, and documents assembled from fragments that
/// are nearly right (unsafe names, escapes, half surrogates, invalid UTF-8, truncation). None throws, none accepts
/// an unsafe name, and what one accepts it reads back the same after writing it out again.
/// </summary>
public sealed class ParserProperties
{
    private static readonly string[] NameFragments =
    [
        "v2", "v1.0.0-rc1+build_7", "V2", "../etc", "a/b", "/abs", ".", "..", "-dash", "", " v2", "v2\\n", "\\u002e\\u002e",
        "\\u0000", "\\ud800", "\\udfff\\ud800", "\\u00e9t\\u00e9", "名前", new string('a', 129), "ok\\/slash", "\\\"quoted\\\"",
    ];

    private static readonly string[] ValueFragments =
    [
        "1", "0", "-5", "10", "\"10\"", "\"0x10\"", "1e3", "9223372036854775807", "9223372036854775808", "null", "true",
        "{}", "[]", "\"\"", "\"2026-01-02T03:04:05Z\"", "\"\\ud800\"", "{\"binaries\":{\"linux/amd64\":\"x\"}}", "\"pending\"", "\"applied\"",
        "\"failed\"", "\"rolled_back\"", "\"unknown\"",
    ];

    private static readonly byte[][] RawBytes = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF0, 0x9F], [0x00], [0xE2, 0x82]];

    /// <summary>Raw noise, or bytes of a document assembled from fragments, possibly truncated or with a stray byte.</summary>
    private static Gen<byte[]> Documents(Gen<string> document) =>
        Gen.Frequency(
            (1, Gen.Byte.Array[0, 64]),
            (4, Gen.Select(document, Gen.Int[0, 100], Gen.Int[0, RawBytes.Length - 1], Gen.Int[0, 1000], (text, how, raw, at) =>
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var cut = bytes.Length == 0 ? 0 : at % bytes.Length;
                return how switch
                {
                    < 10 => bytes[..cut],
                    < 20 => [.. bytes[..cut], .. RawBytes[raw], .. bytes[cut..]],
                    _ => bytes,
                };
            })));

    private static Gen<string> Field(string name, string[] values) =>
        Gen.Frequency(
            (1, Gen.Const("")),
            (6, Gen.OneOf(values).Select(value => $"\"{name}\":{value},")),
            (3, Gen.OneOf(NameFragments).Select(value => $"\"{name}\":\"{value}\",")));

    private static readonly Gen<string> TriggerDocuments =
        Gen.Select(Field("name", ["\"v2\"", "\"../x\"", "2", "null"]), Field("height", ValueFragments), Field("time", ValueFragments), Field("info", ValueFragments),
            (name, height, time, info) => "{" + (name + height + time + info).TrimEnd(',') + "}");

    private static readonly Gen<string> ScheduleEntries =
        Gen.Select(Field("name", ["\"v2\"", "\"v3\"", "\"../x\""]), Field("height", ValueFragments), Field("status", ValueFragments), Field("reason", ValueFragments), Field("updated_at", ValueFragments),
            (name, height, status, reason, at) => "{" + (name + height + status + reason + at).TrimEnd(',') + "}");

    private static readonly Gen<string> ScheduleDocuments =
        Gen.Select(Gen.OneOf("1", "2", "\"1\"", "0"), ScheduleEntries.Array[0, 4], (version, entries) =>
            $"{{\"version\":{version},\"upgrades\":[{string.Join(',', entries)}]}}");

    [Fact]
    public void UpgradeInfoParser_AnyBytes_NeverThrowsAcceptsOnlySafeNamesAndRoundTrips() =>
        Property.Check(Documents(TriggerDocuments), bytes =>
        {
            if (UpgradeInfoParser.Parse(bytes) is not TriggerFile.Valid valid)
            {
                return;
            }
            AssertSafe(valid.Upgrade.Name);
            Assert.True(valid.Upgrade.Height > 0);
            var again = Assert.IsType<TriggerFile.Valid>(UpgradeInfoParser.Parse(Write(valid.Upgrade)));
            Assert.Equal(valid.Upgrade, again.Upgrade);
        });

    [Fact]
    public void ScheduleParser_AnyBytes_NeverThrowsAcceptsOnlySafeNamesAndRoundTrips() =>
        Property.Check(Documents(ScheduleDocuments), bytes =>
        {
            if (ScheduleParser.Parse(bytes) is not ScheduleFile.Valid valid)
            {
                return;
            }
            Assert.All(valid.Schedule.Entries, entry => AssertSafe(entry.Name));
            var written = ScheduleWriter.ToBytes(valid.Schedule);
            var again = Assert.IsType<ScheduleFile.Valid>(ScheduleParser.Parse(written));
            Assert.Equal(valid.Schedule, again.Schedule);
            Assert.Equal(written, ScheduleWriter.ToBytes(again.Schedule));
        });

    private static readonly string[] ConfigValues =
    [
        "\"gstable\"", "\"../gstable\"", "\"a/b\"", "\".\"", "\"..\"", "\"\\u0001x\"", "\" \"", "\"/srv/data/../etc\"", "\"relative/dir\"",
        "\"/srv//data/\"", "\"300ms\"", "\"-1s\"", "\"1h\"", "5", "-3", "1.5", "true", "\"false\"", "[1]", "{ a = 1 }", "1979-05-27",
        "\"\\ud800\"", "'literal'", "\"\"\"multi\nline\"\"\"",
    ];

    private static readonly Gen<string> ConfigLines =
        Gen.Select(
            Gen.OneOf(Settings.All.Select(setting => setting.FileKey).Concat(["unknown_key", "daemon.name", "[table]", "# comment", "= 1", "daemon_name"]).ToArray()),
            Gen.OneOf(ConfigValues),
            (key, value) => key.StartsWith('[') || key.StartsWith('#') || key.StartsWith('=') ? key : $"{key} = {value}");

    private static readonly Gen<string> ConfigDocuments = ConfigLines.Array[0, 6].Select(lines => string.Join('\n', lines) + "\n");

    [Fact]
    public void ConfigFile_AnyBytes_NeverThrowsAcceptsOnlySafeNamesAndPathsAndRoundTrips() =>
        Property.Check(Documents(ConfigDocuments), bytes =>
        {
            var result = LoadWithFile(Encoding.UTF8.GetString(bytes));
            if (result.Loaded is not { } loaded)
            {
                Assert.NotEmpty(result.Problems);
                return;
            }
            var options = loaded.Options;
            Assert.DoesNotContain('/', options.Name);
            Assert.False(options.Name is "." or "..", options.Name);
            Assert.DoesNotContain(options.Name, char.IsControl);
            foreach (var path in new[] { options.Home, options.DataDir, options.BackupDir })
            {
                Assert.True(Path.IsPathRooted(path) && !path.Split('/').Contains(".."), path);
            }
            // Written back as plain strings, what the file set reads the same.
            var fromFile = loaded.Settings.Where(s => s.Source == SettingSource.File).ToList();
            var rewritten = string.Concat(fromFile.Select(s => $"{s.Setting.FileKey} = {JsonSerializer.Serialize(s.Value)}\n"));
            var again = LoadWithFile(rewritten).Loaded;
            Assert.NotNull(again);
            Assert.Equal(
                loaded.Settings.Select(s => (s.Setting.Variable, s.Value)),
                again.Settings.Select(s => (s.Setting.Variable, s.Value)));
        });

    private static ConfigurationResult LoadWithFile(string text) => ConfigurationLoader.Load(new ConfigurationInput
    {
        Environment = new Dictionary<string, string> { ["DAEMON_HOME"] = "/srv/node" },
        WorkingDirectory = "/srv/cwd",
        ReadFile = path => path == "/srv/node/wemixvisor/config.toml" ? text : throw new FileNotFoundException("no such file", path),
    });

    private static void AssertSafe(UpgradeName name)
    {
        Assert.True(UpgradeName.TryParse(name.Value, out _, out var error), error);
        Assert.DoesNotContain('/', name.Value);
        Assert.False(name.Value is "." or "..", name.Value);
    }

    private static byte[] Write(UpgradeInfo upgrade)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", upgrade.Name.Value);
            writer.WriteNumber("height", upgrade.Height);
            if (upgrade.Time is { } time)
            {
                writer.WriteString("time", time);
            }
            if (upgrade.Info.Length > 0)
            {
                writer.WritePropertyName("info");
                writer.WriteRawValue(upgrade.Info);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
