namespace Wemixvisor.IntegrationTests.Backup;

/// <summary>Builds a geth-style data directory with every kind of entry a backup must keep.</summary>
internal static class NodeDataTree
{
    public const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Mode700 = Mode600 | UnixFileMode.UserExecute;
    public const UnixFileMode Mode755 = Mode700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    public const UnixFileMode Mode555 = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    public const UnixFileMode Mode400 = UnixFileMode.UserRead;

    /// <summary>Fills <paramref name="dataDir"/> (created if needed); returns the nodekey's bytes.</summary>
    public static byte[] Create(string dataDir, int seed = 1)
    {
        var random = new Random(seed);
        var stamp = new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1_234_567);
        Directory.CreateDirectory(dataDir);
        var nodekey = System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(RandomBytes(random, 32)).ToLowerInvariant());
        WriteFile(Path.Combine(dataDir, "gstable", "nodekey"), nodekey, Mode600, stamp);
        WriteFile(Path.Combine(dataDir, "gstable", "LOCK"), [], Mode600, stamp.AddSeconds(1));
        WriteFile(Path.Combine(dataDir, "gstable", "chaindata", "000001.ldb"), RandomBytes(random, 3 * 1024 * 1024 + 17), Mode600, stamp.AddSeconds(2));
        for (var i = 2; i < 12; i++)
        {
            WriteFile(Path.Combine(dataDir, "gstable", "chaindata", $"{i:D6}.ldb"), RandomBytes(random, random.Next(1, 200_000)), Mode600, stamp.AddMinutes(i));
        }
        WriteFile(Path.Combine(dataDir, "gstable", "chaindata", "ancient", "chain", "headers.0000.cdat"), RandomBytes(random, 1_000_001), Mode600, stamp.AddHours(1));
        WriteFile(Path.Combine(dataDir, "gstable", "chaindata", "ancient", "chain", "FLOCK"), [], Mode600, stamp.AddHours(2));
        WriteFile(Path.Combine(dataDir, "keystore", "UTC--key"), RandomBytes(random, 491), Mode400, stamp.AddDays(1));
        File.SetUnixFileMode(Path.Combine(dataDir, "keystore"), Mode700);
        WriteFile(Path.Combine(dataDir, "tools", "migrate.sh"), "#!/bin/sh\nexit 0\n"u8.ToArray(), Mode755, stamp.AddDays(2));
        Directory.CreateDirectory(Path.Combine(dataDir, "empty", "nested-empty"));
        WriteFile(Path.Combine(dataDir, "sealed", "genesis.json"), "{\"config\":{}}"u8.ToArray(), Mode400, stamp.AddDays(3));
        File.CreateSymbolicLink(Path.Combine(dataDir, "nodekey-link"), "gstable/nodekey");
        File.CreateSymbolicLink(Path.Combine(dataDir, "chaindata-link"), "gstable/chaindata");
        File.CreateSymbolicLink(Path.Combine(dataDir, "dangling"), "does/not/exist");
        File.CreateSymbolicLink(Path.Combine(dataDir, "outside"), "/etc/hostname");
        File.SetLastWriteTimeUtc(Path.Combine(dataDir, "nodekey-link"), stamp.AddDays(4));
        // Directory times and the read-only directory last: writing entries changes them.
        File.SetUnixFileMode(Path.Combine(dataDir, "sealed"), Mode555);
        foreach (var (directory, offset) in new[] { ("empty/nested-empty", 5), ("empty", 6), ("gstable/chaindata/ancient/chain", 7), ("sealed", 8), ("gstable", 9) })
        {
            Directory.SetLastWriteTimeUtc(Path.Combine(dataDir, directory), stamp.AddDays(offset));
        }
        return nodekey;
    }

    public static void WriteFile(string path, byte[] content, UnixFileMode mode, DateTime modifiedUtc)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, modifiedUtc);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
