using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.IntegrationTests.Commands;

/// <summary><c>add-upgrade --height</c>, <c>schedule list</c> and <c>schedule cancel</c> run by the published executable.</summary>
[Collection("Processes")]
public sealed class ScheduleCommandsTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private string ScheduleFile => _home.Layout.ScheduleFile;

    private sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    private async Task<Outcome> Wemixvisor(params string[] arguments)
    {
        var (code, run) = await RunningWemixvisor.RunToEndAsync(_home, arguments, timeout: Bound);
        await using (run)
        {
            return new Outcome(code, run.Process.Stdout, run.Process.Stderr);
        }
    }

    private string NewBinary(string name) =>
        TempHome.WriteExecutable(Path.Combine(_home.Home, "incoming", name), $"#!/bin/sh\necho {name}\n");

    private string InstalledBinary(string upgrade) => Path.Combine(_home.Layout.UpgradesDir, upgrade, "bin", _home.DaemonName);

    /// <summary>Makes <paramref name="upgrade"/> at <paramref name="height"/> the applied upgrade, as a switch leaves it.</summary>
    private void Apply(string upgrade, long height)
    {
        _home.WriteUpgrade(upgrade, new FakeNode(upgrade));
        File.WriteAllText(Path.Combine(_home.Layout.UpgradesDir, upgrade, HomeLayout.TriggerFileName), $$"""{"name":"{{upgrade}}","height":{{height}}}""");
        _home.PointCurrentTo(Path.Combine("upgrades", upgrade));
    }

    private static void AssertOneCleanError(Outcome outcome, string expected)
    {
        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Equal($"error: {expected}\n", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    private JsonElement Entries()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(ScheduleFile));
        return document.RootElement.GetProperty("upgrades").Clone();
    }

    [Fact]
    public async Task AddUpgrade_WithBinaryAndHeight_InstallsThenSchedules()
    {
        // Arrange
        var source = NewBinary("node-v2");

        // Act
        var outcome = await Wemixvisor("add-upgrade", "v2", source, "--height", "1200");

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(
            $"installed {InstalledBinary("v2")} (from {source})\nscheduled upgrade v2 at height 1200 in {ScheduleFile}\n",
            outcome.Stdout);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(InstalledBinary("v2")));
        var entry = Assert.Single(Entries().EnumerateArray());
        Assert.Equal("v2", entry.GetProperty("name").GetString());
        Assert.Equal(1200, entry.GetProperty("height").GetInt64());
        Assert.Equal("pending", entry.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("reason").ValueKind);
        Assert.True(entry.GetProperty("updated_at").TryGetDateTimeOffset(out var at) && Math.Abs((DateTimeOffset.UtcNow - at).TotalMinutes) < 5, entry.ToString());
    }

    [Fact]
    public async Task AddUpgrade_HeightWithoutBinary_SchedulesTheInstalledBinary()
    {
        _home.WriteUpgrade("v2", new FakeNode("v2"));

        var outcome = await Wemixvisor("add-upgrade", "v2", "--height", "1200");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal($"scheduled upgrade v2 at height 1200 in {ScheduleFile}\n", outcome.Stdout);
        Assert.Equal("v2", Assert.Single(Entries().EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AddUpgrade_HeightWithoutBinary_BinaryMissing_IsRefusedNamingTheExpectedPath()
    {
        var outcome = await Wemixvisor("add-upgrade", "v2", "--height", "1200");

        AssertOneCleanError(outcome,
            $"cannot schedule upgrade v2: upgrade binary {InstalledBinary("v2")} does not exist; install the new binary there, for example with: wemixvisor add-upgrade v2 <path-to-binary>");
        Assert.False(File.Exists(ScheduleFile));
    }

    [Fact]
    public async Task AddUpgrade_NeitherBinaryNorHeight_IsAUsageError()
    {
        var outcome = await Wemixvisor("add-upgrade", "v2");

        AssertOneCleanError(outcome, "add-upgrade needs <path-to-binary> to install a binary, --height H to schedule an installed one, or both; see 'wemixvisor add-upgrade --help'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("+5")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public async Task AddUpgrade_HeightNotAPositiveWholeNumber_IsRefusedAndChangesNothing(string height)
    {
        var outcome = await Wemixvisor("add-upgrade", "v2", NewBinary("node-v2"), "--height", height);

        AssertOneCleanError(outcome, $"--height \"{height}\": must be a whole number greater than 0 (a block height)");
        Assert.False(File.Exists(ScheduleFile));
        Assert.False(Directory.Exists(Path.Combine(_home.Layout.UpgradesDir, "v2")), "nothing is installed when the height is refused");
    }

    [Theory]
    [InlineData(999)]
    [InlineData(1000)]
    public async Task AddUpgrade_HeightNotAboveTheAppliedUpgrade_IsRefusedAndChangesNothing(long height)
    {
        Apply("v1", 1000);

        var outcome = await Wemixvisor("add-upgrade", "v2", NewBinary("node-v2"), "--height", height.ToString(System.Globalization.CultureInfo.InvariantCulture));

        AssertOneCleanError(outcome, $"cannot schedule upgrade v2: height {height} is not above the applied upgrade v1 at height 1000; wemixvisor never downgrades");
        Assert.False(File.Exists(ScheduleFile));
        Assert.False(Directory.Exists(Path.Combine(_home.Layout.UpgradesDir, "v2")));
    }

    [Fact]
    public async Task AddUpgrade_NamePendingAlready_IsRefusedAndTheScheduleIsUnchanged()
    {
        // Arrange
        Assert.Equal(0, (await Wemixvisor("add-upgrade", "v2", NewBinary("node-v2"), "--height", "1200")).ExitCode);
        var before = File.ReadAllBytes(ScheduleFile);

        // Act
        var outcome = await Wemixvisor("add-upgrade", "v2", "--height", "1300");

        // Assert
        AssertOneCleanError(outcome, "cannot schedule upgrade v2: upgrade v2 is already scheduled at height 1200; to move it, cancel it first with: wemixvisor schedule cancel v2");
        Assert.Equal(before, File.ReadAllBytes(ScheduleFile));
    }

    [Fact]
    public async Task AddUpgrade_HeightOfAnotherUpgrade_IsRefusedAndTheScheduleIsUnchanged()
    {
        // Arrange
        Assert.Equal(0, (await Wemixvisor("add-upgrade", "v2", NewBinary("node-v2"), "--height", "1200")).ExitCode);
        var before = File.ReadAllBytes(ScheduleFile);

        // Act
        var outcome = await Wemixvisor("add-upgrade", "v3", NewBinary("node-v3"), "--height", "1200");

        // Assert
        AssertOneCleanError(outcome, "cannot schedule upgrade v3: height 1200 is taken by upgrade v2 (pending); heights must be strictly increasing, one upgrade per height");
        Assert.Equal(before, File.ReadAllBytes(ScheduleFile));
        Assert.False(Directory.Exists(Path.Combine(_home.Layout.UpgradesDir, "v3")));
    }

    [Fact]
    public async Task AddUpgrade_RolledBackUpgradeAgain_IsPendingAgainAtTheNewHeight()
    {
        // Arrange
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        File.WriteAllText(ScheduleFile, """
            {"version":1,"upgrades":[{"name":"v2","height":1200,"status":"rolled_back","reason":"v2 exited with 1 at start","updated_at":"2025-01-31T12:00:00+00:00"}]}
            """);

        // Act
        var outcome = await Wemixvisor("add-upgrade", "v2", "--height", "1300");

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal($"scheduled upgrade v2 at height 1300 in {ScheduleFile} (it was rolled_back at height 1200: v2 exited with 1 at start)\n", outcome.Stdout);
        var entry = Assert.Single(Entries().EnumerateArray());
        Assert.Equal(1300, entry.GetProperty("height").GetInt64());
        Assert.Equal("pending", entry.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task ScheduleList_Text_ShowsEveryEntryAndWhichBinaryIsMissing()
    {
        // Arrange
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        File.WriteAllText(ScheduleFile, """
            {"version":1,"upgrades":[
              {"name":"v2","height":1200,"status":"failed","reason":"pre-upgrade exited with 1","updated_at":"2025-01-31T12:00:00+00:00"},
              {"name":"v3","height":1500,"status":"pending","reason":null,"updated_at":null}]}
            """);

        // Act
        var outcome = await Wemixvisor("schedule", "list");

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(
            $"""
            schedule file: {ScheduleFile}
            applied:       genesis

            NAME  HEIGHT  STATUS   BINARY    UPDATED               REASON
            v2    1200    failed   in place  2025-01-31T12:00:00Z  pre-upgrade exited with 1
            v3    1500    pending  MISSING   -                     -

            v3: upgrade binary {InstalledBinary("v3")} does not exist; install the new binary there, for example with: wemixvisor add-upgrade v3 <path-to-binary>

            """.ReplaceLineEndings("\n"),
            outcome.Stdout);
    }

    [Fact]
    public async Task ScheduleList_Json_GivesEveryField()
    {
        // Arrange
        Apply("v1", 1000);
        Assert.Equal(0, (await Wemixvisor("add-upgrade", "v2", NewBinary("node-v2"), "--height", "1200")).ExitCode);

        // Act
        var outcome = await Wemixvisor("schedule", "list", "--output", "json");

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        using var document = JsonDocument.Parse(outcome.Stdout);
        var root = document.RootElement;
        Assert.Equal(ScheduleFile, root.GetProperty("schedule_file").GetString());
        Assert.Equal("v1", root.GetProperty("applied").GetProperty("name").GetString());
        Assert.Equal(1000, root.GetProperty("applied").GetProperty("height").GetInt64());
        var entry = Assert.Single(root.GetProperty("upgrades").EnumerateArray());
        Assert.Equal("v2", entry.GetProperty("name").GetString());
        Assert.Equal(1200, entry.GetProperty("height").GetInt64());
        Assert.Equal("pending", entry.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("reason").ValueKind);
        Assert.Equal(JsonValueKind.String, entry.GetProperty("updated_at").ValueKind);
        Assert.Equal(InstalledBinary("v2"), entry.GetProperty("binary").GetProperty("path").GetString());
        Assert.True(entry.GetProperty("binary").GetProperty("in_place").GetBoolean());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("binary").GetProperty("problem").ValueKind);
    }

    [Fact]
    public async Task ScheduleList_NoFile_SaysNothingIsScheduled()
    {
        var outcome = await Wemixvisor("schedule", "list");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.EndsWith("no upgrades scheduled\n", outcome.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(ScheduleFile));
    }

    [Fact]
    public async Task ScheduleCancel_ScheduledUpgrade_RemovesItAndKeepsTheBinary()
    {
        // Arrange
        Assert.Equal(0, (await Wemixvisor("add-upgrade", "v2", NewBinary("node-v2"), "--height", "1200")).ExitCode);
        Assert.Equal(0, (await Wemixvisor("add-upgrade", "v3", NewBinary("node-v3"), "--height", "1300")).ExitCode);

        // Act
        var outcome = await Wemixvisor("schedule", "cancel", "v2");

        // Assert
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("cancelled upgrade v2 at height 1200 (pending); its binary, if installed, stays\n", outcome.Stdout);
        Assert.Equal("v3", Assert.Single(Entries().EnumerateArray()).GetProperty("name").GetString());
        Assert.True(File.Exists(InstalledBinary("v2")));
    }

    [Fact]
    public async Task ScheduleCancel_UnknownName_IsRefusedNamingIt()
    {
        Assert.Equal(0, (await Wemixvisor("add-upgrade", "v2", NewBinary("node-v2"), "--height", "1200")).ExitCode);
        var before = File.ReadAllBytes(ScheduleFile);

        var outcome = await Wemixvisor("schedule", "cancel", "v9");

        AssertOneCleanError(outcome, $"no upgrade named v9 is scheduled in {ScheduleFile}");
        Assert.Equal(before, File.ReadAllBytes(ScheduleFile));
    }

    public static TheoryData<string, string> CorruptFiles() => new()
    {
        { "truncated", "JSON ends early: the file is truncated" },
        { "not JSON", "not valid JSON: 'nonsense" },
        { "10 MB", $"file is {10 << 20} bytes; at most {1 << 20} are accepted" },
        { "symlink to /dev/zero", "it is a symbolic link (wemixvisor reads and writes only a regular file there)" },
        { "fifo", "it is not a regular file (a device, pipe or socket)" },
        { "decreasing heights", "upgrades[1] (v3): height 1100 is not above the height 1200 of upgrades[0] (v2); heights must be strictly increasing" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public async Task EveryCommand_CorruptScheduleFile_ExitsTwoNamingTheFileAndLeavesItAlone(string corruption, string reason)
    {
        // Arrange
        _home.WriteUpgrade("v4", new FakeNode("v4"));
        await Corrupt(corruption);
        var before = Snapshot();

        foreach (var command in new[] { new[] { "schedule", "list" }, ["schedule", "list", "--output", "json"], ["schedule", "cancel", "v2"], ["add-upgrade", "v4", "--height", "5000"] })
        {
            // Act
            var outcome = await Wemixvisor(command);

            // Assert: one line on stderr, the file named, nothing changed.
            Assert.True(outcome.ExitCode == 2, outcome.ToString());
            Assert.Equal("", outcome.Stdout);
            Assert.StartsWith($"error: the schedule file {ScheduleFile} is unusable: {reason}", outcome.Stderr, StringComparison.Ordinal);
            Assert.EndsWith("; correct or remove it (wemixvisor left it unchanged)\n", outcome.Stderr, StringComparison.Ordinal);
            Assert.Equal(1, outcome.Stderr.Count(c => c == '\n'));
            Assert.Equal(before, Snapshot());
        }
    }

    private async Task Corrupt(string corruption)
    {
        const string Valid = """{"version":1,"upgrades":[{"name":"v2","height":1200,"status":"pending"}]}""";
        switch (corruption)
        {
            case "truncated":
                File.WriteAllText(ScheduleFile, Valid[..40]);
                break;
            case "not JSON":
                File.WriteAllText(ScheduleFile, "nonsense");
                break;
            case "10 MB":
                File.WriteAllBytes(ScheduleFile, Encoding.ASCII.GetBytes(Valid + new string(' ', (10 << 20) - Valid.Length)));
                break;
            case "symlink to /dev/zero":
                File.CreateSymbolicLink(ScheduleFile, "/dev/zero");
                break;
            case "fifo":
                await using (var mkfifo = RunningProcess.Start("/usr/bin/mkfifo", [ScheduleFile]))
                {
                    Assert.Equal(0, await mkfifo.WaitForExit());
                }
                break;
            default:
                File.WriteAllText(ScheduleFile, """{"version":1,"upgrades":[{"name":"v2","height":1200,"status":"pending"},{"name":"v3","height":1100,"status":"pending"}]}""");
                break;
        }
    }

    /// <summary>What sits at the schedule path: a link's target, a FIFO (never read: it would wait for a writer), or a file's bytes.</summary>
    private string Snapshot() => Libc.KindOf(ScheduleFile, followLinks: false) switch
    {
        FileKind.SymbolicLink => "link to " + new FileInfo(ScheduleFile).LinkTarget,
        FileKind.Regular => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(ScheduleFile))),
        var kind => kind.ToString(),
    };

    [Fact]
    public async Task AddUpgrade_SixAtOnce_AreAllScheduled()
    {
        // Arrange: the binaries are in place; six processes then schedule at the same time.
        var names = Enumerable.Range(2, 6).Select(i => $"v{i}").ToList();
        foreach (var name in names)
        {
            _home.WriteUpgrade(name, new FakeNode(name));
        }

        // Act
        var runs = await Task.WhenAll(names.Select((name, i) => RunningWemixvisor.StartAsync(_home, ["add-upgrade", name, "--height", $"{(i + 1) * 100}"])));
        var codes = await Task.WhenAll(runs.Select(run => run.WaitForExit(Bound)));

        // Assert
        foreach (var run in runs)
        {
            await run.DisposeAsync();
        }
        Assert.All(codes, code => Assert.Equal(0, code));
        Assert.Equal(names, Entries().EnumerateArray().Select(entry => entry.GetProperty("name").GetString()));
    }
}
