using System.IO.Enumeration;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Backup;

/// <summary>Lists a directory tree without following any symlink (lstat semantics throughout), with each entry's owner and the files that share an inode.</summary>
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
        var firstNameOf = new Dictionary<(uint, uint, ulong), string>();
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
                var stat = Libc.StatOf(full);
                var owner = new Ownership(stat.Uid, stat.Gid);
                if (entry.IsLink)
                {
                    links.Add(new LinkItem(relative, new FileInfo(full).LinkTarget!, entry.LastWriteUtc, owner));
                }
                else if (entry.IsDirectory)
                {
                    directories.Add(new DirectoryItem(relative, ModeOf(stat), entry.LastWriteUtc, owner));
                    pending.Push(relative);
                }
                else if (!stat.IsRegularFile)
                {
                    skipped.Add(relative);
                }
                else if (stat.Links > 1 && firstNameOf.TryGetValue((stat.DeviceMajor, stat.DeviceMinor, stat.Inode), out var first))
                {
                    files.Add(new FileItem(relative, (long)stat.Size, ModeOf(stat), owner, LinkOf: first));
                }
                else
                {
                    if (stat.Links > 1)
                    {
                        firstNameOf[(stat.DeviceMajor, stat.DeviceMinor, stat.Inode)] = relative;
                    }
                    files.Add(new FileItem(relative, (long)stat.Size, ModeOf(stat), owner));
                }
            }
        }
        var rootStat = Libc.StatOf(root);
        var rootItem = new DirectoryItem("", ModeOf(rootStat), Directory.GetLastWriteTimeUtc(root), new Ownership(rootStat.Uid, rootStat.Gid));
        return new TreeListing(rootItem, directories, files, links, skipped);
    }

    /// <summary>The permission bits with set-user-id, set-group-id and sticky, as chmod takes them.</summary>
    private static UnixFileMode ModeOf(StatxBuffer stat) => (UnixFileMode)(stat.Mode & 0xFFF);

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
