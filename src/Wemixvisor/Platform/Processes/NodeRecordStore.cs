using System.Globalization;
using System.Text;
using System.Text.Json;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Files;

namespace Wemixvisor.Platform.Processes;

/// <summary>
/// Keeps <see cref="HomeLayout.NodeRecordFile"/> (or <see cref="HomeLayout.HookRecordFile"/> for the running hook):
/// written atomically when the process starts, removed when it ends.
/// </summary>
internal sealed class NodeRecordStore(string path)
{
    public NodeRecordStore(HomeLayout layout)
        : this(layout.NodeRecordFile)
    {
    }

    /// <summary>The record of the pre-upgrade hook that runs (one at a time).</summary>
    public static NodeRecordStore ForHooks(HomeLayout layout) => new(layout.HookRecordFile);

    public string Path => path;

    /// <summary>
    /// Must exist as soon as possible after the launch: a wemixvisor killed before it is written leaves an orphan
    /// nobody finds. So it is formatted by hand (the serializer's first use costs 10-20 ms) and not fsynced (an
    /// orphan can only outlive wemixvisor while the machine stays up, so the page cache is enough).
    /// </summary>
    public void Save(NodeRecord record) =>
        AtomicFile.Write(Path, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"pid\":{record.Pid},\"startTime\":{record.StartTime}}}")), durable: false);

    /// <summary>The recorded node, or null when there is none or the file cannot be understood.</summary>
    public NodeRecord? Load()
    {
        try
        {
            var record = JsonSerializer.Deserialize(File.ReadAllBytes(Path), NodeRecordJson.Default.NodeRecord);
            return record is { Pid: > 0 } ? record : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the record if it still names <paramref name="pid"/> (a newer node's record stays).</summary>
    public void Remove(int pid)
    {
        if (Load() is { } record && record.Pid != pid)
        {
            return;
        }
        AtomicFile.Delete(Path);
    }
}
