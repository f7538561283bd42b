namespace Wemixvisor.Core.Configuration;

/// <summary>
/// Cosmovisor variables wemixvisor does not implement. Harmless ones are ignored (and reported as
/// notices); one that asks for behaviour wemixvisor lacks is an error, so nobody relies on it unknowingly.
/// </summary>
public static class CosmovisorVariables
{
    /// <param name="Variable">The Cosmovisor variable.</param>
    /// <param name="Reason">Why wemixvisor does without it.</param>
    /// <param name="IsBoolean">The value must still be a valid boolean.</param>
    /// <param name="RefusedWhenTrue">True asks for behaviour wemixvisor does not have: an error.</param>
    public sealed record Unsupported(string Variable, string Reason, bool IsBoolean, bool RefusedWhenTrue)
    {
        public string FileKey => Variable.ToLowerInvariant();
    }

    public static IReadOnlyList<Unsupported> All { get; } =
    [
        new("COSMOVISOR_DISABLE_RECASE", "upgrade directories are always looked up by their exact name first, then in lower case", IsBoolean: true, RefusedWhenTrue: false),
        new("COSMOVISOR_COLOR_LOGS", "wemixvisor's log lines are never coloured", IsBoolean: true, RefusedWhenTrue: false),
        new("COSMOVISOR_TIMEFORMAT_LOGS", "wemixvisor's log lines use a fixed timestamp format", IsBoolean: false, RefusedWhenTrue: false),
        new("DAEMON_GRPC_ADDRESS", "wemixvisor does not query the node over gRPC", IsBoolean: false, RefusedWhenTrue: false),
        new("DAEMON_LOG_BUFFER_SIZE", "upgrades are detected from upgrade-info.json, never from the node's output", IsBoolean: false, RefusedWhenTrue: false),
    ];
}
