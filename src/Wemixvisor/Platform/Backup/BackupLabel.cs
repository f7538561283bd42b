namespace Wemixvisor.Platform.Backup;

/// <summary>What a backup is taken for: an upgrade (name and height) or a manual <c>backup create</c>.</summary>
internal sealed record BackupLabel(string? Upgrade, long? Height)
{
    public static readonly BackupLabel Manual = new(null, null);

    public static BackupLabel ForUpgrade(string upgrade, long height) => new(upgrade, height);

    /// <summary>The part of the backup id after the timestamp.</summary>
    public string Suffix => Upgrade ?? "manual";
}
