using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Wemixvisor.IntegrationTests.Downloads;

/// <summary>Archives built in memory for the download tests, and their checksums.</summary>
internal static class Archives
{
    public const UnixFileMode Executable = (UnixFileMode)0x1ED;

    public static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha512(byte[] bytes) => "sha512:" + Convert.ToHexStringLower(SHA512.HashData(bytes));

    /// <summary>A tar (gzip-compressed when <paramref name="gzip"/>) of the given entries.</summary>
    public static byte[] Tar(bool gzip, params TarEntry[] entries) => Tar(gzip, (IEnumerable<TarEntry>)entries);

    public static byte[] Tar(bool gzip, IEnumerable<TarEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (Stream output = gzip ? new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true) : buffer)
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }
        return buffer.ToArray();
    }

    public static PaxTarEntry File(string name, byte[] content, UnixFileMode mode = Executable) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = mode };

    public static PaxTarEntry Directory(string name) => new(TarEntryType.Directory, name) { Mode = Executable };

    public static PaxTarEntry Link(TarEntryType type, string name, string target) => new(type, name) { LinkName = target };

    /// <summary>A zip of (name, content) files; a name ending in / is a directory.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.ExternalAttributes = (name.EndsWith('/') ? 0x41ED : 0x81ED) << 16;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }
}
