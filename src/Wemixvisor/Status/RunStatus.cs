using System.Text.Json;
using System.Text.Json.Serialization;
using Wemixvisor.Core.Layout;

namespace Wemixvisor.Status;

/// <summary>
/// <c>$DAEMON_HOME/wemixvisor/run-status.json</c>: what a running <c>wemixvisor run</c> has done since it
/// started. Written by <see cref="Hosting.RunStatusWriter"/> when the node starts or exits and when an upgrade is
/// switched, removed when the run ends; <c>wemixvisor status</c> trusts it only while <see cref="Pid"/> holds the instance lock.
/// </summary>
internal sealed record RunStatus
{
    public const string FileName = "run-status.json";

    /// <summary>The pid of the <c>wemixvisor run</c> that wrote the file.</summary>
    public required int Pid { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public int NodeStarts { get; init; }

    /// <summary>Node starts after a failed run (the backoff restarts); starts after an upgrade are not counted.</summary>
    public int Restarts { get; init; }
    public int Upgrades { get; init; }
    public RunTransition? LastTransition { get; init; }

    public static string PathIn(HomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Path.Combine(layout.Root, FileName);
    }

    /// <summary>The status file of <paramref name="layout"/>'s home, or null when there is none or it cannot be understood.</summary>
    public static RunStatus? Read(HomeLayout layout)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(PathIn(layout)), RunStatusJson.Default.RunStatus);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunStatus))]
internal sealed partial class RunStatusJson : JsonSerializerContext;
