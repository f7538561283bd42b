using System.Text.Json.Serialization;
using Wemixvisor.Core.Operations;

namespace Wemixvisor.Operations.Metrics;

/// <summary>The JSON body of <c>/healthz</c> and <c>/readyz</c>.</summary>
internal sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("current")] string Current,
    [property: JsonPropertyName("node_pid")] int? NodePid,
    [property: JsonPropertyName("pending")] string? Pending,
    [property: JsonPropertyName("chain_head")] long? ChainHead)
{
    /// <summary>200 while the node runs and is not being stopped; 503 otherwise, saying why.</summary>
    public static HealthReport Health(OperationsView view) => From(view, view.Healthy, view.Healthy ? null : view.Status);

    /// <summary>200 when healthy and no freshly switched binary still has to show it works.</summary>
    public static HealthReport Readiness(OperationsView view) => From(view, view.NotReady is null, view.NotReady);

    public bool Ok => Status == "ok";

    private static HealthReport From(OperationsView view, bool ok, string? reason)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(ok ? "ok" : "unavailable", reason, view.Phase, view.Current.ToString(), view.NodePid,
            view.Pending is { } pending ? $"{pending.Name}@{pending.Height}" : null, view.ChainHead);
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthReportJson : JsonSerializerContext;
