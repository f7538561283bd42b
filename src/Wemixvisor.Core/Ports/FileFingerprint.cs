namespace Wemixvisor.Core.Ports;

/// <summary>What identifies one version of a file: a change to any field means the file may have changed.</summary>
public readonly record struct FileFingerprint(long Size, long ModifiedTicks, long Inode);
