using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Files;

/// <summary>
/// Writes a file so that a reader or a crash sees either the old or the new content, never a mix:
/// a temp file next to it, fsync, rename(2) over the target, fsync of the directory.
/// </summary>
internal static class AtomicFile
{
    /// <param name="durable">
    /// False skips both fsyncs: for content that only matters while this machine stays up (a record of a
    /// running process), where a reader must still never see a mix but waiting for the disk costs time.
    /// </param>
    public static void Write(string path, ReadOnlySpan<byte> content, bool durable = true)
    {
        using var file = Create(path);
        file.Stream.Write(content);
        file.Commit(durable);
    }

    /// <summary>
    /// Starts replacing <paramref name="path"/>: the content goes into <see cref="AtomicFileWriter.Stream"/>, and
    /// <see cref="AtomicFileWriter.Commit"/> puts it in place. Disposed without a commit, the temp file is removed
    /// and <paramref name="path"/> is left as it was.
    /// </summary>
    /// <param name="mode">The mode the file gets (whatever the umask), or null for the default.</param>
    public static AtomicFileWriter Create(string path, UnixFileMode? mode = null)
    {
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target) ?? throw new IOException($"{path} has no parent directory");
        return new AtomicFileWriter(target, Path.Combine(directory, $".{Path.GetFileName(target)}.tmp-{Environment.ProcessId}"), mode);
    }

    /// <summary>Removes <paramref name="path"/> durably; nothing happens when it does not exist.</summary>
    public static void Delete(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        File.Delete(path);
        Libc.FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
