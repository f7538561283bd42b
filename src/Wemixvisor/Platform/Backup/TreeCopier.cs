using System.Collections.Concurrent;

namespace Wemixvisor.Platform.Backup;

/// <summary>
/// Copies a scanned tree: directories first, then the files in parallel (File.Copy lets the kernel
/// copy: reflink where the file system can, else copy_file_range, and keeps mode and mtime), then
/// symlinks as links, and last the directories' modes and times (children before parents, so that
/// adding entries does not change them again and a read-only directory is filled before it is locked).
/// </summary>
internal sealed class TreeCopier(int parallelism)
{
    /// <summary>
    /// Measured on a 2-core VM (ext4, ~1 GiB in 3,256 files, medians incl. syncfs): 1 copy at a time 3.3 s,
    /// 2 → 2.3 s, 4 → 1.9 s, 8 → 2.9 s; in a second series 2 and 4 tied. 4 never lost, and helps more on faster disks.
    /// </summary>
    public const int DefaultParallelism = 4;

    public int Parallelism { get; } = parallelism >= 1
        ? parallelism
        : throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "at least one copy must run at a time");

    /// <summary>Copies <paramref name="listing"/> of <paramref name="sourceRoot"/> into <paramref name="destinationRoot"/>, which must not exist yet.</summary>
    public void Copy(string sourceRoot, TreeListing listing, string destinationRoot, CopyProgress progress, CancellationToken cancellation)
    {
        if (Path.Exists(destinationRoot))
        {
            throw new IOException($"cannot copy into {destinationRoot}: it already exists");
        }
        Directory.CreateDirectory(destinationRoot);
        foreach (var directory in listing.Directories)
        {
            Directory.CreateDirectory(Path.Join(destinationRoot, directory.RelativePath));
        }
        CopyFiles(sourceRoot, listing.Files, destinationRoot, progress, cancellation);
        foreach (var link in listing.Links)
        {
            var copy = Path.Join(destinationRoot, link.RelativePath);
            File.CreateSymbolicLink(copy, link.Target);
            // On Linux this sets the link's own time (lutimes), it does not follow the link.
            File.SetLastWriteTimeUtc(copy, link.LastWriteUtc);
        }
        for (var i = listing.Directories.Count - 1; i >= 0; i--)
        {
            cancellation.ThrowIfCancellationRequested();
            Restore(Path.Join(destinationRoot, listing.Directories[i].RelativePath), listing.Directories[i]);
        }
        Restore(destinationRoot, listing.Root);
    }

    private void CopyFiles(string sourceRoot, IReadOnlyList<FileItem> files, string destinationRoot, CopyProgress progress, CancellationToken cancellation)
    {
        // Largest first and handed out one at a time, so one worker does not end up alone with a big tail.
        var largestFirst = files.OrderByDescending(file => file.Length).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation };
        Parallel.ForEach(Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering), options, file =>
        {
            File.Copy(Path.Join(sourceRoot, file.RelativePath), Path.Join(destinationRoot, file.RelativePath));
            progress.FileCopied(file.Length);
        });
    }

    private static void Restore(string directory, DirectoryItem item)
    {
        File.SetUnixFileMode(directory, item.Mode);
        Directory.SetLastWriteTimeUtc(directory, item.LastWriteUtc);
    }
}
