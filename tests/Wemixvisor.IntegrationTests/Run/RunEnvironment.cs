namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// The variables every <c>run</c> test starts wemixvisor with: short poll, grace and backoff so the real
/// pipeline plays out in test time. Tests add or override single settings.
/// </summary>
internal static class RunEnvironment
{
    public const string PollInterval = "50ms";

    public static IReadOnlyDictionary<string, string?> Fast(params (string Name, string? Value)[] overrides)
    {
        var variables = new Dictionary<string, string?>
        {
            ["DAEMON_POLL_INTERVAL"] = PollInterval,
            ["DAEMON_SHUTDOWN_GRACE"] = "2s",
            ["DAEMON_RESTART_BACKOFF"] = "200ms",
            ["DAEMON_MAX_RESTARTS"] = "3",
            ["DAEMON_PREUPGRADE_TIMEOUT"] = "30s",
            // A SIGKILLed .NET process cannot remove its diagnostics pipes from the temp dir; tests kill many.
            ["DOTNET_EnableDiagnostics"] = "0",
            // Not inherited from the machine running the tests.
            ["WEMIXVISOR_CONFIG"] = null,
            ["WEMIXVISOR_LOG_FORMAT"] = null,
            ["WEMIXVISOR_LOG_LEVEL"] = null,
            ["WEMIXVISOR_DISABLE_LOGS"] = null,
            ["WEMIXVISOR_CUSTOM_PREUPGRADE"] = null,
            ["WEMIXVISOR_PREUPGRADE_BINARY"] = null,
            ["DAEMON_DATA_DIR"] = null,
            ["DAEMON_DATA_BACKUP_DIR"] = null,
            ["DAEMON_RESTART_AFTER_UPGRADE"] = null,
            ["DAEMON_RESTART_ON_FAILURE"] = null,
            ["DAEMON_RESTART_DELAY"] = null,
            ["UNSAFE_SKIP_BACKUP"] = null,
        };
        foreach (var (name, value) in overrides)
        {
            variables[name] = value;
        }
        return variables;
    }
}
