using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Core.Layout;

/// <summary>Every path wemixvisor reads or writes, derived from the options in one place.</summary>
public sealed class HomeLayout
{
    public const string TriggerFileName = "upgrade-info.json";

    public HomeLayout(string home, string daemonName, string dataDir, string backupDir)
    {
        Home = home;
        DaemonName = daemonName;
        DataDir = dataDir;
        BackupDir = backupDir;
        Root = Path.Combine(home, "wemixvisor");
    }

    public static HomeLayout From(WemixvisorOptions options) =>
        new(options.Home, options.Name, options.DataDir, options.BackupDir);

    public string Home { get; }
    public string DaemonName { get; }
    public string DataDir { get; }
    public string BackupDir { get; }

    /// <summary><c>$DAEMON_HOME/wemixvisor</c>.</summary>
    public string Root { get; }
    public string Current => Path.Combine(Root, "current");
    public string Genesis => Path.Combine(Root, "genesis");
    public string UpgradesDir => Path.Combine(Root, "upgrades");
    public string LogsDir => Path.Combine(Root, "logs");
    public string DefaultConfigFile => Path.Combine(Root, "config.toml");
    public string LockFile => Path.Combine(Root, "wemixvisor.lock");
    public string JournalFile => Path.Combine(Root, "upgrade-journal.json");
    public string NodeRecordFile => Path.Combine(Root, "node.json");

    /// <summary>The probation of the binary switched to last, kept until it is ready or rolled back.</summary>
    public string ProbationFile => Path.Combine(Root, "probation.json");

    /// <summary>The pre-upgrade hook that runs, recorded like the node so that a later start stops it after a crash.</summary>
    public string HookRecordFile => Path.Combine(Root, "hook.json");

    /// <summary>The upgrades scheduled at block heights by the operator (nodes that write no trigger): <c>$DAEMON_HOME/wemixvisor/schedule.json</c>.</summary>
    public string ScheduleFile => Path.Combine(Root, "schedule.json");

    /// <summary>The trigger written by the node: <c>$DAEMON_DATA_DIR/upgrade-info.json</c>.</summary>
    public string TriggerFile => Path.Combine(DataDir, TriggerFileName);

    /// <summary>The applied marker of the running version: <c>current/upgrade-info.json</c>.</summary>
    public string CurrentMarker => Path.Combine(Current, TriggerFileName);

    public string CurrentBinary => Path.Combine(Current, "bin", DaemonName);
    public string GenesisBinary => Path.Combine(Genesis, "bin", DaemonName);

    /// <summary>
    /// The directory of an upgrade. Like Cosmovisor, the exact name is used when that directory
    /// exists, else the lower-cased one (also when neither exists, so errors name the canonical path).
    /// </summary>
    public string UpgradeDir(UpgradeName name)
    {
        var exact = Path.Combine(UpgradesDir, name.Value);
        if (Directory.Exists(exact))
        {
            return exact;
        }
        var lower = Path.Combine(UpgradesDir, name.Value.ToLowerInvariant());
        return Directory.Exists(lower) ? lower : exact;
    }

    public string UpgradeBinary(UpgradeName name) => Path.Combine(UpgradeDir(name), "bin", DaemonName);
    public string UpgradeMarker(UpgradeName name) => Path.Combine(UpgradeDir(name), TriggerFileName);
    public string UpgradeHookScript(UpgradeName name) => Path.Combine(UpgradeDir(name), "pre-upgrade");

    /// <summary>The relative target <c>current</c> points to for an upgrade (<c>upgrades/&lt;dir&gt;</c>).</summary>
    public string RelativeTarget(UpgradeName name) => Path.Combine("upgrades", Path.GetFileName(UpgradeDir(name)));

    public const string GenesisRelativeTarget = "genesis";
}
