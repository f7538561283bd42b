using System.IO.Enumeration;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Backup;

/// <summary>Lists a directory tree without following any symlink (lstat semantics throughout).</summary>
internal static class TreeScanner
{
    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink, long Length, DateTime LastWriteUtc);

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    public static TreeListing Scan(string root, CancellationToken cancellation = default)
    {
        var directories = new List<DirectoryItem>();
        var files = new List<FileItem>();
        var links = new List<LinkItem>();
        var skipped = new List<string>();
        var pending = new Stack<string>();
        pending.Push("");
        while (pending.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            var relativeDirectory = pending.Pop();
            foreach (var entry in Enumerate(Path.Join(root, relativeDirectory)))
            {
                var relative = relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name;
                var full = Path.Join(root, relative);
                if (entry.IsLink)
                {
                    links.Add(new LinkItem(relative, new FileInfo(full).LinkTarget!, entry.LastWriteUtc));
                }
                else if (entry.IsDirectory)
                {
                    directories.Add(new DirectoryItem(relative, File.GetUnixFileMode(full), entry.LastWriteUtc));
                    pending.Push(relative);
                }
                // Sockets, FIFOs and devices have size 0; only empty entries need the extra stat.
                else if (entry.Length == 0 && Libc.KindOf(full, followLinks: false) == FileKind.Other)
                {
                    skipped.Add(relative);
                }
                else
                {
                    files.Add(new FileItem(relative, entry.Length));
                }
            }
        }
        var rootItem = new DirectoryItem("", File.GetUnixFileMode(root), Directory.GetLastWriteTimeUtc(root));
        return new TreeListing(rootItem, directories, files, links, skipped);
    }

    private static FileSystemEnumerable<Entry> Enumerate(string directory) =>
        new(directory, Transform, OneLevel);

    private static Entry Transform(ref FileSystemEntry entry)
    {
        var isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
        var isDirectory = !isLink && entry.IsDirectory;
        var length = isLink || isDirectory ? 0 : entry.Length;
        return new Entry(entry.FileName.ToString(), isDirectory, isLink, length, entry.LastWriteTimeUtc.UtcDateTime);
    }
}
