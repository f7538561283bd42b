namespace Wemixvisor.Core.Ports;

/// <summary>Reads the trigger and marker files.</summary>
public interface IFileProbe
{
    /// <summary>The file's identity and version, or null when it does not exist.</summary>
    FileFingerprint? Stat(string path);

    /// <summary>At most <paramref name="maxBytes"/> bytes of the file, or null when it does not exist (any more).</summary>
    byte[]? Read(string path, int maxBytes);
}

/// <summary>What identifies one version of a file: a change to any field means the file may have changed.</summary>
public readonly record struct FileFingerprint(long Size, long ModifiedTicks, long Inode);

/// <summary>Hints that a file may have changed (inotify). Only a hint: the stat decides.</summary>
public interface IFileChangeHints
{
    /// <summary>Ticks whenever <paramref name="path"/> may have been created, written, renamed or removed. Never fails; empty when unavailable.</summary>
    IObservable<System.Reactive.Unit> Changes(string path);
}
