namespace Wemixvisor.Platform.Backup;

/// <summary>A directory, with the mode and modification time to give its copy once its contents are in.</summary>
internal sealed record DirectoryItem(string RelativePath, UnixFileMode Mode, DateTime LastWriteUtc);

/// <summary>A regular file; File.Copy carries its mode and modification time over.</summary>
internal sealed record FileItem(string RelativePath, long Length);

/// <summary>A symbolic link, copied as a link with the same target text, never followed.</summary>
internal sealed record LinkItem(string RelativePath, string Target, DateTime LastWriteUtc);

/// <summary>Everything under one directory, as found by <see cref="TreeScanner"/>. Paths are relative to the root.</summary>
/// <param name="Directories">Every directory below the root, parents before their children.</param>
/// <param name="Skipped">Sockets, FIFOs and devices: they cannot be copied as data and are left out.</param>
internal sealed record TreeListing(
    DirectoryItem Root,
    IReadOnlyList<DirectoryItem> Directories,
    IReadOnlyList<FileItem> Files,
    IReadOnlyList<LinkItem> Links,
    IReadOnlyList<string> Skipped)
{
    public long TotalBytes { get; } = Files.Sum(file => file.Length);
}
