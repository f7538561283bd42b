namespace Wemixvisor.Platform.Backup;

/// <summary>The owner and group of an entry, given to its copy.</summary>
internal readonly record struct Ownership(uint Uid, uint Gid);

/// <summary>A directory, with the mode, time and owner to give its copy once its contents are in.</summary>
internal sealed record DirectoryItem(string RelativePath, UnixFileMode Mode, DateTime LastWriteUtc, Ownership Owner);

/// <summary>
/// A regular file; File.Copy carries its mode and modification time over. <paramref name="LinkOf"/> names the
/// first entry of the same inode when the file has several names (hard links): the copy is a link to that one's copy.
/// </summary>
internal sealed record FileItem(string RelativePath, long Length, UnixFileMode Mode, Ownership Owner, string? LinkOf = null);

/// <summary>A symbolic link, copied as a link with the same target text, never followed.</summary>
internal sealed record LinkItem(string RelativePath, string Target, DateTime LastWriteUtc, Ownership Owner);

/// <summary>Everything under one directory, as found by <see cref="TreeScanner"/>. Paths are relative to the root.</summary>
/// <param name="Directories">Every directory below the root, parents before their children.</param>
/// <param name="Files">Every regular file; a hard link comes after the entry it is a link of.</param>
/// <param name="Skipped">Sockets, FIFOs and devices: they cannot be copied as data and are left out.</param>
internal sealed record TreeListing(
    DirectoryItem Root,
    IReadOnlyList<DirectoryItem> Directories,
    IReadOnlyList<FileItem> Files,
    IReadOnlyList<LinkItem> Links,
    IReadOnlyList<string> Skipped)
{
    /// <summary>The bytes to copy: a file with several names counts once.</summary>
    public long TotalBytes { get; } = Files.Where(file => file.LinkOf is null).Sum(file => file.Length);
}
