using System.Formats.Tar;
using System.IO.Compression;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Downloads;

/// <summary>
/// Unpacks a verified download into an empty directory with the standard library: a gzip-compressed or plain tar,
/// a zip, or else a plain binary taken as it is. Entries are refused (the whole archive with them) when their path
/// is absolute or holds <c>..</c>, when they would be written through a link, when a link points outside the
/// directory, when they are devices or pipes, beyond <see cref="DownloadLimits.MaxEntries"/> entries, or when more
/// than the size limit would be written.
/// </summary>
internal static class ArchiveUnpacker
{
    private const UnixFileMode PermissionBits = (UnixFileMode)0x1FF;

    public enum Kind { TarGz, Tar, Zip, Plain }

    /// <summary>The kind of <paramref name="file"/>, from its first bytes.</summary>
    public static Kind Detect(string file)
    {
        Span<byte> head = stackalloc byte[512];
        using var stream = File.OpenRead(file);
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..length];
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]))
        {
            return Kind.TarGz;
        }
        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return Kind.Zip;
        }
        return length >= 262 && head[257..262].SequenceEqual("ustar"u8) ? Kind.Tar : Kind.Plain;
    }

    /// <summary>Unpacks the archive <paramref name="file"/> into <paramref name="target"/> (an empty directory).</summary>
    /// <exception cref="DownloadException">The archive is refused or broken; the message names the entry.</exception>
    public static void Unpack(string file, Kind kind, string target, long maxBytes)
    {
        var budget = new Budget(maxBytes);
        try
        {
            // A first pass counts the entries and the sizes they declare, so that an archive refused for those writes nothing.
            Scan(file, kind, new Budget(maxBytes));
            switch (kind)
            {
                case Kind.TarGz:
                    using (var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress))
                    {
                        UnpackTar(gzip, target, budget);
                    }
                    break;
                case Kind.Tar:
                    using (var tar = File.OpenRead(file))
                    {
                        UnpackTar(tar, target, budget);
                    }
                    break;
                case Kind.Zip:
                    UnpackZip(file, target, budget);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "a plain binary is not unpacked");
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DownloadException($"the archive is broken: {e.Message}", retryable: false);
        }
    }

    private static void Scan(string file, Kind kind, Budget budget)
    {
        if (kind == Kind.Zip)
        {
            using var zip = ZipFile.OpenRead(file);
            foreach (var entry in zip.Entries)
            {
                budget.Entry(entry.FullName);
                budget.Bytes(entry.Length);
            }
            return;
        }
        using var input = File.OpenRead(file);
        using var stream = kind == Kind.TarGz ? new GZipStream(input, CompressionMode.Decompress) : (Stream)input;
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes))
            {
                budget.Entry(entry.Name);
                budget.Bytes(entry.Length);
            }
        }
    }

    private static void UnpackTar(Stream stream, string target, Budget budget)
    {
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                    continue;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    budget.Entry(entry.Name);
                    WriteFile(target, entry.Name, entry.DataStream ?? Stream.Null, (UnixFileMode)entry.Mode, budget);
                    break;
                case TarEntryType.Directory:
                    budget.Entry(entry.Name);
                    MakeDirectory(target, entry.Name);
                    break;
                case TarEntryType.SymbolicLink:
                    budget.Entry(entry.Name);
                    MakeSymlink(target, entry.Name, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    budget.Entry(entry.Name);
                    CopyHardLink(target, entry.Name, entry.LinkName, (UnixFileMode)entry.Mode, budget);
                    break;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    throw Refused(entry.Name, "is a device or pipe; an upgrade archive holds only files, directories and links");
                default:
                    throw Refused(entry.Name, $"has the unsupported type {entry.EntryType}");
            }
        }
    }

    private static void UnpackZip(string file, string target, Budget budget)
    {
        using var zip = ZipFile.OpenRead(file);
        foreach (var entry in zip.Entries)
        {
            budget.Entry(entry.FullName);
            var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
            var type = unixMode & 0xF000;
            if (entry.FullName.EndsWith('/'))
            {
                MakeDirectory(target, entry.FullName);
            }
            else if (type == 0xA000)
            {
                using var text = new StreamReader(entry.Open());
                var link = new char[4096];
                var length = text.ReadBlock(link, 0, link.Length);
                MakeSymlink(target, entry.FullName, new string(link, 0, length));
            }
            else if (type is 0 or 0x8000)
            {
                using var data = entry.Open();
                WriteFile(target, entry.FullName, data, (UnixFileMode)(unixMode & 0x1FF), budget);
            }
            else
            {
                throw Refused(entry.FullName, "is a device, pipe or socket; an upgrade archive holds only files, directories and links");
            }
        }
    }

    /// <summary>The path of <paramref name="name"/> inside <paramref name="target"/>; refused when absolute, with <c>..</c>, or through a link.</summary>
    private static string Place(string target, string name)
    {
        if (name.Length == 0 || name.Contains('\0'))
        {
            throw Refused(name, "has an empty or invalid name");
        }
        if (name.StartsWith('/'))
        {
            throw Refused(name, "has an absolute path");
        }
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".").ToArray();
        if (parts.Contains(".."))
        {
            throw Refused(name, "has a '..' in its path");
        }
        if (parts.Length == 0)
        {
            return target;
        }
        var path = target;
        foreach (var part in parts[..^1])
        {
            path = Path.Combine(path, part);
            switch (Libc.KindOf(path, followLinks: false))
            {
                case FileKind.SymbolicLink:
                    throw Refused(name, $"would be written through the link {part}");
                case FileKind.Missing:
                    Directory.CreateDirectory(path);
                    break;
                case FileKind.Directory:
                    break;
                default:
                    throw Refused(name, $"lies below {part}, which is not a directory");
            }
        }
        return Path.Combine(path, parts[^1]);
    }

    private static void MakeDirectory(string target, string name)
    {
        var path = Place(target, name);
        switch (Libc.KindOf(path, followLinks: false))
        {
            case FileKind.Missing:
                Directory.CreateDirectory(path);
                break;
            case FileKind.Directory:
                break;
            default:
                throw Refused(name, "is a directory where the archive already put something else");
        }
    }

    private static void WriteFile(string target, string name, Stream data, UnixFileMode mode, Budget budget)
    {
        var path = Place(target, name);
        if (Libc.KindOf(path, followLinks: false) != FileKind.Missing)
        {
            throw Refused(name, "appears twice in the archive");
        }
        // CreateNew is O_CREAT|O_EXCL: it never follows a link that raced into place.
        using var output = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Modes(mode) });
        var buffer = new byte[1 << 16];
        int read;
        while ((read = data.Read(buffer)) > 0)
        {
            budget.Bytes(read);
            output.Write(buffer, 0, read);
        }
    }

    private static void MakeSymlink(string target, string name, string linkName)
    {
        var path = Place(target, name);
        if (string.IsNullOrEmpty(linkName) || linkName.StartsWith('/'))
        {
            throw Refused(name, $"is a link to the absolute path \"{linkName}\", outside the upgrade");
        }
        var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, linkName));
        if (!IsInside(resolved, target))
        {
            throw Refused(name, $"is a link to \"{linkName}\", which leads outside the upgrade");
        }
        if (Libc.KindOf(path, followLinks: false) != FileKind.Missing)
        {
            throw Refused(name, "appears twice in the archive");
        }
        File.CreateSymbolicLink(path, linkName);
    }

    private static void CopyHardLink(string target, string name, string linkName, UnixFileMode mode, Budget budget)
    {
        if (string.IsNullOrEmpty(linkName) || linkName.StartsWith('/') || linkName.Split('/').Contains(".."))
        {
            throw Refused(name, $"is a hard link to \"{linkName}\", outside the upgrade");
        }
        var source = Place(target, linkName);
        if (Libc.KindOf(source, followLinks: false) != FileKind.Regular)
        {
            throw Refused(name, $"is a hard link to \"{linkName}\", which is not a file unpacked before it");
        }
        using var data = File.OpenRead(source);
        WriteFile(target, name, data, mode, budget);
    }

    private static bool IsInside(string path, string directory)
    {
        var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal);
    }

    /// <summary>The permission bits of an entry, without setuid, setgid or sticky, and always readable and writable by the owner.</summary>
    private static UnixFileMode Modes(UnixFileMode mode) =>
        (mode & PermissionBits) | UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static DownloadException Refused(string name, string why) =>
        new($"archive entry \"{Printable(name)}\" {why}", retryable: false);

    private static string Printable(string text)
    {
        var shown = string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
        return shown.Length <= 200 ? shown : shown[..200] + "…";
    }

    /// <summary>What is left of the entry count and the byte limit.</summary>
    private sealed class Budget(long maxBytes)
    {
        private long _bytes;
        private int _entries;

        public void Entry(string name)
        {
            if (++_entries > DownloadLimits.MaxEntries)
            {
                throw new DownloadException($"the archive holds more than {DownloadLimits.MaxEntries} entries (refused at \"{Printable(name)}\")", retryable: false);
            }
        }

        public void Bytes(long count)
        {
            _bytes += count;
            if (_bytes > maxBytes)
            {
                throw new DownloadException($"the archive unpacks to more than WEMIXVISOR_DOWNLOAD_MAX_SIZE ({ByteSize.Format(maxBytes)})", retryable: false);
            }
        }
    }
}
