using System.Text.Json.Serialization;

namespace Wemixvisor.Platform.Processes;

/// <summary>The running node as recorded on disk: its pid and its start time, which together name exactly one process.</summary>
internal sealed record NodeRecord(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("startTime")] ulong StartTime)
{
    /// <summary>True while the recorded process itself runs: same pid, same start time, not a zombie. A reused pid does not count.</summary>
    public bool IsAlive() => ProcStat.Read(Pid) is { } stat && stat.StartTime == StartTime && !stat.IsZombie;
}

[JsonSerializable(typeof(NodeRecord))]
internal sealed partial class NodeRecordJson : JsonSerializerContext;
