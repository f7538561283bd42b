using System.Text.Json;
using System.Text.Json.Serialization;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Files;

namespace Wemixvisor.Platform.Processes;

/// <summary>The running node as recorded on disk: its pid and its start time, which together name exactly one process.</summary>
internal sealed record NodeRecord(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("startTime")] ulong StartTime);

/// <summary>Keeps <see cref="HomeLayout.NodeRecordFile"/>: written atomically when a node starts, removed when it ends.</summary>
internal sealed class NodeRecordStore(HomeLayout layout)
{
    public string Path => layout.NodeRecordFile;

    public void Save(NodeRecord record) =>
        AtomicFile.Write(Path, JsonSerializer.SerializeToUtf8Bytes(record));

    /// <summary>The recorded node, or null when there is none or the file cannot be understood.</summary>
    public NodeRecord? Load()
    {
        try
        {
            var record = JsonSerializer.Deserialize<NodeRecord>(File.ReadAllBytes(Path));
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
