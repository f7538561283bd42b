using System.Text.Json.Serialization;

namespace Wemixvisor.Operations.Alerts;

/// <summary>
/// The JSON body POSTed to each webhook. <see cref="Text"/> is one readable line, so a Slack incoming webhook (or
/// Discord's Slack-compatible one) shows it as it is; the other fields are for machines.
/// </summary>
internal sealed record AlertMessage
{
    /// <summary><c>upgrade_detected</c>, <c>upgrade_started</c>, <c>upgrade_applied</c>, <c>upgrade_failed</c>, <c>upgrade_rolled_back</c>, <c>crash_loop_given_up</c> or <c>abnormal_exit</c>.</summary>
    [JsonPropertyName("event")] public required string Event { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("host")] public required string Host { get; init; }
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("upgrade")] public string? Upgrade { get; init; }
    [JsonPropertyName("upgrade_height")] public long? UpgradeHeight { get; init; }
    [JsonPropertyName("chain_head")] public long? ChainHead { get; init; }

    /// <summary>The version running before (<c>genesis</c> or <c>name@height</c>).</summary>
    [JsonPropertyName("from_version")] public required string FromVersion { get; init; }

    /// <summary>The version it goes (or went) to; for crash loops and exits, the version that was running.</summary>
    [JsonPropertyName("to_version")] public string? ToVersion { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("exit_code")] public int? ExitCode { get; init; }
    [JsonPropertyName("duration_seconds")] public double? DurationSeconds { get; init; }

    /// <summary>When it happened (UTC, ISO 8601).</summary>
    [JsonPropertyName("at")] public required DateTimeOffset At { get; init; }
    [JsonPropertyName("wemixvisor_version")] public required string WemixvisorVersion { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlertMessage))]
internal sealed partial class AlertMessageJson : JsonSerializerContext;
