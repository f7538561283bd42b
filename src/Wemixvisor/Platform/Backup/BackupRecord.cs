namespace Wemixvisor.Platform.Backup;

/// <summary>One complete backup as <c>backup list</c> shows it.</summary>
/// <param name="Directory">The backup's directory (holding <c>data/</c> and <c>manifest.json</c>).</param>
internal sealed record BackupRecord(string Id, string Directory, BackupManifest Manifest)
{
    public string? Upgrade => Manifest.Upgrade;
    public long? Height => Manifest.Height;
    public DateTimeOffset CreatedUtc => Manifest.CreatedUtc;
    public long TotalBytes => Manifest.TotalBytes;
    public int Files => Manifest.Files;
    public string DataDirectory => Path.Combine(Directory, BackupStore.DataDirectoryName);
}
