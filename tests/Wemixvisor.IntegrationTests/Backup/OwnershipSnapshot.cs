using Wemixvisor.Platform.Interop;

namespace Wemixvisor.IntegrationTests.Backup;

/// <summary>
/// Every entry below a root with its owner, group, full mode and, for a file with several names, the first name
/// of its inode in the tree: two snapshots are equal when owners, modes and hard links all survived a copy.
/// </summary>
internal static class OwnershipSnapshot
{
    public const uint OtherUid = 1234;
    public const uint OtherGid = 1234;

    public static IReadOnlyList<string> Of(string root)
    {
        var firstName = new Dictionary<ulong, string>();
        var lines = new List<string>();
        foreach (var relative in Walk(root, "").Order(StringComparer.Ordinal))
        {
            var stat = Libc.StatOf(Path.Join(root, relative));
            var link = "";
            if (stat.IsRegularFile && stat.Links > 1)
            {
                link = firstName.TryGetValue(stat.Inode, out var first) ? $" same-inode-as={first}" : "";
                firstName.TryAdd(stat.Inode, relative);
            }
            lines.Add($"{(relative.Length == 0 ? "." : relative)} uid={stat.Uid} gid={stat.Gid} mode={Convert.ToString(stat.Mode, 8)} links={stat.Links}{link}");
        }
        return lines;
    }

    /// <summary>Adds to <paramref name="dataDir"/> entries owned by <see cref="OtherUid"/> (a set-group-id file, a directory, a symlink) and two hard-linked pairs.</summary>
    public static void AddOwnedAndLinkedEntries(string dataDir)
    {
        var owned = Path.Combine(dataDir, "owned");
        Directory.CreateDirectory(owned);
        File.WriteAllText(Path.Combine(owned, "state.db"), "owned by the node's user");
        File.WriteAllText(Path.Combine(owned, "setgid-tool"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(owned, "setgid-tool"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.SetGroup);
        File.CreateSymbolicLink(Path.Combine(owned, "state-link"), "state.db");
        foreach (var path in new[] { owned, Path.Combine(owned, "state.db"), Path.Combine(owned, "state-link") })
        {
            Assert.Equal(0, Libc.ChangeOwner(path, OtherUid, OtherGid));
        }
        Assert.Equal(0, Libc.ChangeOwner(Path.Combine(owned, "setgid-tool"), OtherUid, OtherGid));
        File.SetUnixFileMode(Path.Combine(owned, "setgid-tool"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.SetGroup);
        Libc.CreateHardLink(Path.Combine(owned, "state.db"), Path.Combine(dataDir, "state-hardlink"));
        File.WriteAllText(Path.Combine(dataDir, "snapshot-a"), "shared checkpoint");
        Directory.CreateDirectory(Path.Combine(dataDir, "checkpoints"));
        Libc.CreateHardLink(Path.Combine(dataDir, "snapshot-a"), Path.Combine(dataDir, "checkpoints", "snapshot-b"));
    }

    private static IEnumerable<string> Walk(string root, string relative)
    {
        yield return relative;
        var full = Path.Join(root, relative);
        if (Libc.KindOf(full, followLinks: false) != FileKind.Directory)
        {
            yield break;
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(full))
        {
            foreach (var child in Walk(root, Path.Join(relative, Path.GetFileName(entry))))
            {
                yield return child;
            }
        }
    }
}
