namespace Wemixvisor.Core.Configuration;

/// <summary>
/// Cosmovisor variables wemixvisor does not implement. Each is harmless without it: ignored, and reported as a notice.
/// </summary>
public static class CosmovisorVariables
{
    /// <param name="Variable">The Cosmovisor variable.</param>
    /// <param name="Reason">Why wemixvisor does without it.</param>
    /// <param name="IsBoolean">The value must still be a valid boolean.</param>
    public sealed record Unsupported(string Variable, string Reason, bool IsBoolean)
    {
        public string FileKey => Variable.ToLowerInvariant();
    }

    public static IReadOnlyList<Unsupported> All { get; } =
    [
        new("COSMOVISOR_DISABLE_RECASE", "upgrade directories are always looked up by their exact name first, then in lower case", IsBoolean: true),
        new("COSMOVISOR_COLOR_LOGS", "wemixvisor's log lines are never coloured", IsBoolean: true),
        new("COSMOVISOR_TIMEFORMAT_LOGS", "wemixvisor's log lines use a fixed timestamp format", IsBoolean: false),
        new("DAEMON_GRPC_ADDRESS", "wemixvisor does not query the node over gRPC", IsBoolean: false),
        new("DAEMON_LOG_BUFFER_SIZE", "upgrades are detected from upgrade-info.json, never from the node's output", IsBoolean: false),
    ];
}
