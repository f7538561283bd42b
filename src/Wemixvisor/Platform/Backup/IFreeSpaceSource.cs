namespace Wemixvisor.Platform.Backup;

/// <summary>How many bytes an unprivileged writer may still put on the file system that holds a path.</summary>
internal interface IFreeSpaceSource
{
    long AvailableBytes(string path);
}
