namespace Wemixvisor.Platform.Backup;

/// <summary>statvfs(3) through DriveInfo, which on Linux accepts any path on the file system. A path that does not exist yet is measured at its nearest existing ancestor.</summary>
internal sealed class StatvfsFreeSpaceSource : IFreeSpaceSource
{
    public long AvailableBytes(string path)
    {
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing) ?? "/";
        }
        return new DriveInfo(existing).AvailableFreeSpace;
    }
}
