using Wemixvisor.Core.Layout;

namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>
/// A throwaway <c>DAEMON_HOME</c> laid out as <c>init</c> would: <c>wemixvisor/genesis/bin</c>,
/// <c>wemixvisor/upgrades</c>, <c>wemixvisor/current -&gt; genesis</c>, <c>data/</c>, <c>backups/</c>.
/// Disposal kills every process still mentioning the home, then deletes it.
/// </summary>
public sealed class TempHome : IDisposable
{
    public const string DefaultDaemonName = "fakenode";

    private TempHome(string home, string daemonName)
    {
        Home = home;
        DaemonName = daemonName;
        Layout = new HomeLayout(home, daemonName, Path.Combine(home, "data"), Path.Combine(home, "backups"));
        Timeline = new Timeline(Path.Combine(home, "timeline.log"));
    }

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

    public static TempHome Create(string daemonName = DefaultDaemonName)
    {
        var home = Path.Combine(Path.GetTempPath(), "wemixvisor-it-" + Guid.NewGuid().ToString("N")[..12]);
        var temp = new TempHome(home, daemonName);
        Directory.CreateDirectory(Path.Combine(temp.Layout.Genesis, "bin"));
        Directory.CreateDirectory(temp.Layout.UpgradesDir);
        Directory.CreateDirectory(temp.Layout.DataDir);
        Directory.CreateDirectory(temp.Layout.BackupDir);
        temp.PointCurrentTo(HomeLayout.GenesisRelativeTarget);
        return temp;
    }

    /// <summary>Writes <paramref name="node"/> as <c>genesis/bin/$DAEMON_NAME</c>; returns its path.</summary>
    public string WriteGenesis(FakeNode node) => WriteExecutable(Layout.GenesisBinary, node.Script(Home, Timeline.Path));

    /// <summary>Writes <paramref name="node"/> as <c>upgrades/&lt;name&gt;/bin/$DAEMON_NAME</c>; returns its path.</summary>
    public string WriteUpgrade(string upgradeName, FakeNode node) =>
        WriteExecutable(Path.Combine(Layout.UpgradesDir, upgradeName, "bin", DaemonName), node.Script(Home, Timeline.Path));

    /// <summary>Writes an executable bash script (or any text) at <paramref name="path"/>, chmod 755.</summary>
    public static string WriteExecutable(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }

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

    /// <summary>Writes the trigger file the way a node would.</summary>
    public void WriteTrigger(string json) => File.WriteAllText(Layout.TriggerFile, json);

    /// <summary>Live processes whose command line or environment mention this home (fake nodes, their children, wemixvisor).</summary>
    public IReadOnlyList<ProcessEntry> LiveProcesses() => ProcessTable.Mentioning(Home);

    public void Dispose()
    {
        foreach (var entry in LiveProcesses())
        {
            if (entry.Pid != System.Environment.ProcessId)
            {
                Signals.Send(entry.Pid, Signals.Kill);
            }
        }
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process that was still writing; the temp dir is left for the OS to clean.
        }
    }
}
