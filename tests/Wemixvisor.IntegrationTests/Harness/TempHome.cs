using System.Diagnostics;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>
/// The one fixture for tests that need files: a fresh temporary directory <see cref="Root"/> holding a
/// <c>DAEMON_HOME</c> (<see cref="Home"/>, <c>Root/home</c>) and, beside it, whatever a test keeps outside the home
/// (binaries to install, scripts, other directories). <see cref="Create"/> lays the home out as <c>init</c> would;
/// <see cref="Empty"/> leaves it to the test (the home does not exist yet). Disposal kills every process still
/// mentioning the directory, then deletes it, read-only parts included.
/// </summary>
public sealed class TempHome : IDisposable
{
    public const string DefaultDaemonName = "fakenode";

    public const UnixFileMode Mode755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly List<Process> _started = [];

    private TempHome(string root, string daemonName)
    {
        Root = root;
        Home = Path.Combine(root, "home");
        DaemonName = daemonName;
        Layout = new HomeLayout(Home, daemonName, Path.Combine(Home, "data"), Path.Combine(Home, "backups"));
        Timeline = new Timeline(Path.Combine(Home, "timeline.log"));
    }

    /// <summary>The temporary directory: the home and everything a test keeps beside it.</summary>
    public string Root { get; }
    public string Home { get; }
    public string DaemonName { get; }
    public HomeLayout Layout { get; }
    public Timeline Timeline { get; }

    /// <summary>The variables a Cosmovisor-style unit sets for this home.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["DAEMON_HOME"] = Home,
        ["DAEMON_NAME"] = DaemonName,
    };

    /// <summary>A home laid out as <c>init</c> would: <c>wemixvisor/genesis/bin</c>, <c>wemixvisor/upgrades</c>, <c>wemixvisor/current -&gt; genesis</c>, <c>data/</c>, <c>backups/</c>.</summary>
    public static TempHome Create(string daemonName = DefaultDaemonName)
    {
        var temp = Empty(daemonName);
        Directory.CreateDirectory(Path.Combine(temp.Layout.Genesis, "bin"));
        Directory.CreateDirectory(temp.Layout.UpgradesDir);
        Directory.CreateDirectory(temp.Layout.DataDir);
        Directory.CreateDirectory(temp.Layout.BackupDir);
        temp.PointCurrentTo(HomeLayout.GenesisRelativeTarget);
        return temp;
    }

    /// <summary>Only <see cref="Root"/> exists: the home is for the test (or the command under test) to make.</summary>
    public static TempHome Empty(string daemonName = DefaultDaemonName)
    {
        var root = Path.Combine(Path.GetTempPath(), "wemixvisor-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return new TempHome(root, daemonName);
    }

    /// <summary>A path beside the home, under <see cref="Root"/>.</summary>
    public string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Where <c>add-upgrade</c> installs the binary of upgrade <paramref name="name"/>.</summary>
    public string UpgradeBinary(string name) => Layout.UpgradeBinary(UpgradeName.Parse(name));

    /// <summary>Writes <paramref name="node"/> as <c>genesis/bin/$DAEMON_NAME</c>; returns its path.</summary>
    public string WriteGenesis(FakeNode node) => WriteExecutable(Layout.GenesisBinary, node.Script(Home, Timeline.Path));

    /// <summary>Writes <paramref name="node"/> as <c>upgrades/&lt;name&gt;/bin/$DAEMON_NAME</c>; returns its path.</summary>
    public string WriteUpgrade(string upgradeName, FakeNode node) =>
        WriteExecutable(Path.Combine(Layout.UpgradesDir, upgradeName, "bin", DaemonName), node.Script(Home, Timeline.Path));

    /// <summary>Writes <paramref name="content"/> (a script with its own #! line, or any text) at <paramref name="path"/> with <paramref name="mode"/>, creating its directory.</summary>
    public static string WriteExecutable(string path, string content, UnixFileMode mode = Mode755)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>Writes a POSIX shell script running <paramref name="body"/> at <paramref name="path"/>.</summary>
    public static string WriteScript(string path, string body, UnixFileMode mode = Mode755) =>
        WriteExecutable(path, "#!/bin/sh\n" + body + "\n", mode);

    /// <summary>A node binary to install, beside the home: a shell script (mode 700), or a plain file (600) when <paramref name="executable"/> is false.</summary>
    public string Binary(string name, string body, bool executable = true) =>
        WriteScript(Combine(name), body, executable
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite);

    /// <summary>Makes <c>current</c> a relative symlink to <paramref name="relativeTarget"/> (replacing it).</summary>
    public void PointCurrentTo(string relativeTarget)
    {
        if (Path.Exists(Layout.Current) || new FileInfo(Layout.Current).LinkTarget is not null)
        {
            File.Delete(Layout.Current);
        }
        File.CreateSymbolicLink(Layout.Current, relativeTarget);
    }

    /// <summary>Where <c>current</c> points, as written in the link.</summary>
    public string? CurrentTarget => new FileInfo(Layout.Current).LinkTarget;

    /// <summary>Makes <paramref name="name"/> the applied upgrade, as a switch leaves it: a copy of the genesis binary, its marker, and <c>current</c> pointing to it.</summary>
    public void ApplyUpgrade(string name, long height)
    {
        var binary = UpgradeBinary(name);
        Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
        File.Copy(Layout.GenesisBinary, binary, overwrite: true);
        File.WriteAllText(Path.Combine(Layout.UpgradesDir, name, HomeLayout.TriggerFileName), $$"""{"name":"{{name}}","height":{{height}}}""");
        PointCurrentTo(Path.Combine("upgrades", name));
    }

    /// <summary>Writes the trigger file the way a node would (creating the data directory when needed).</summary>
    public void WriteTrigger(string json)
    {
        Directory.CreateDirectory(Layout.DataDir);
        File.WriteAllText(Layout.TriggerFile, json);
    }

    /// <summary>Starts <c>sleep 30</c> and records it as the node in <c>node.json</c>, as <c>run</c> does for a node it starts.</summary>
    public Process StartRecordedNode()
    {
        var info = new ProcessStartInfo("sleep", "30") { UseShellExecute = false };
        info.Environment[FakeNode.HomeMarkerVariable] = Home;
        var node = Process.Start(info)!;
        _started.Add(node);
        var stat = ProcStat.Read(node.Id) ?? throw new InvalidOperationException($"no /proc entry for pid {node.Id}");
        new NodeRecordStore(Layout).Save(new NodeRecord(node.Id, stat.StartTime));
        return node;
    }

    /// <summary>Live processes whose command line or environment mention this home (fake nodes, their children, wemixvisor).</summary>
    public IReadOnlyList<ProcessEntry> LiveProcesses() => ProcessTable.Mentioning(Home);

    /// <summary>The names of the entries directly in <paramref name="directory"/>, sorted.</summary>
    public static string[] EntryNames(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Select(entry => Path.GetFileName(entry)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        foreach (var entry in ProcessTable.Mentioning(Root))
        {
            if (entry.Pid != System.Environment.ProcessId)
            {
                Signals.Send(entry.Pid, Signals.Kill);
            }
        }
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            process.WaitForExit();
            process.Dispose();
        }
        try
        {
            TreeRemover.Remove(Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process that was still writing; the temp dir is left for the OS to clean.
        }
    }
}
