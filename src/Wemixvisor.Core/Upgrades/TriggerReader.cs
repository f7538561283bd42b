using Wemixvisor.Core.Ports;

namespace Wemixvisor.Core.Upgrades;

/// <summary>Looks at one upgrade-info file through the file probe: the trigger, or an applied marker.</summary>
public sealed class TriggerReader(IFileProbe probe, string path)
{
    public string Path => path;

    public FileFingerprint? Stat() => probe.Stat(path);

    public TriggerFile Read()
    {
        var bytes = probe.Read(path, UpgradeInfoParser.MaxFileBytes + 1);
        return bytes is null ? TriggerFile.Absent.Instance : UpgradeInfoParser.Parse(bytes);
    }

    /// <summary>The upgrade a marker says was applied; genesis when there is no valid marker.</summary>
    public AppliedUpgrade ReadApplied() =>
        Read() is TriggerFile.Valid valid ? AppliedUpgrade.From(valid.Upgrade) : AppliedUpgrade.Genesis;
}
