using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Platform.Downloads;

/// <summary>
/// The downloads <c>run</c> makes in the background, one per upgrade, while the old node keeps running. Asked about an
/// upgrade whose binary is missing, it starts its download (or keeps the running one) and says how far it got, as the
/// preflight's problem. A failed download is tried again by itself with a doubling wait; one that cannot succeed
/// (a checksum mismatch, a refused URL or archive) is not, until the upgrade's plan changes.
/// </summary>
internal sealed class BinaryDownloads(BinaryStager stager, DownloadLimits limits, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<UpgradeName, Attempt> _attempts = [];
    private readonly CancellationTokenSource _stop = new();

    public static BinaryDownloads Create(WemixvisorOptions options, HomeLayout layout, HttpFetcher fetcher, ILogger logger)
    {
        var limits = DownloadLimits.From(options);
        return new BinaryDownloads(new BinaryStager(layout, limits, fetcher, TimeProvider.System, logger), limits, TimeProvider.System, logger);
    }

    /// <summary>
    /// The state of the download of <paramref name="upgrade"/>'s binary as one sentence, starting the download when
    /// none runs for this plan; null when the plan names no URL (<paramref name="none"/> then says why).
    /// </summary>
    public string? Problem(UpgradeInfo upgrade, out string? none)
    {
        ArgumentNullException.ThrowIfNull(upgrade);
        var location = UpgradeBinaries.Locate(upgrade.Info, PlatformKey.Current);
        if (location is BinaryLocation.None reason)
        {
            none = reason.Reason;
            return null;
        }
        none = null;
        lock (_gate)
        {
            if (!_attempts.TryGetValue(upgrade.Name, out var attempt) || attempt.Info != upgrade.Info)
            {
                attempt?.Cancel();
                attempt = new Attempt(upgrade.Name, upgrade.Info, Shown(location), CancellationTokenSource.CreateLinkedTokenSource(_stop.Token));
                _attempts[upgrade.Name] = attempt;
                attempt.Task = Task.Run(() => Run(attempt, location));
            }
            return attempt.Describe();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        lock (_gate)
        {
            foreach (var attempt in _attempts.Values)
            {
                attempt.Cancel();
            }
        }
        _stop.Dispose();
    }

    private async Task Run(Attempt attempt, BinaryLocation location)
    {
        var token = attempt.Token;
        var delay = limits.FirstRetryDelay;
        BinarySource? source = null;
        while (!token.IsCancellationRequested)
        {
            try
            {
                source ??= await stager.ResolveAsync(attempt.Name, location, token).ConfigureAwait(false);
                attempt.Url = source.Shown;
                attempt.Set("running", null);
                await stager.StageAsync(attempt.Name, source, attempt.Progress, token).ConfigureAwait(false);
                attempt.Set("staged", null);
                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (DownloadException e) when (!e.Retryable)
            {
                logger.GaveUp(attempt.Name.Value, attempt.Url, e.Message);
                attempt.Set("gave-up", e.Message);
                return;
            }
            catch (Exception e) when (e is DownloadException or IOException or UnauthorizedAccessException)
            {
                logger.WillRetry(attempt.Name.Value, attempt.Url, e.Message, GoDuration.Format(delay));
                attempt.Set("waiting", $"{e.Message}; trying again in {GoDuration.Format(delay)}");
            }
            try
            {
                await Task.Delay(delay, time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = delay * 2 > limits.MaxRetryDelay ? limits.MaxRetryDelay : delay * 2;
        }
    }

    private static string Shown(BinaryLocation location) => location switch
    {
        BinaryLocation.Found found => found.Source.Shown,
        BinaryLocation.Document document => BinarySource.Redact(document.Url),
        _ => "",
    };

    private sealed class Attempt(UpgradeName name, string info, string url, CancellationTokenSource cancellation)
    {
        private readonly Lock _gate = new();
        private string _state = "starting";
        private string? _reason;

        public UpgradeName Name { get; } = name;
        public string Info { get; } = info;
        public string Url { get; set; } = url;
        public DownloadProgress Progress { get; } = new();
        public CancellationToken Token { get; } = cancellation.Token;
        public Task? Task { get; set; }

        public void Set(string state, string? reason)
        {
            lock (_gate)
            {
                (_state, _reason) = (state, reason);
            }
        }

        public void Cancel() => cancellation.Cancel();

        public string Describe()
        {
            lock (_gate)
            {
                return _state switch
                {
                    "running" => $"downloading the binary of upgrade {Name} from {Url} ({Progress.Text})",
                    "staged" => $"the binary of upgrade {Name} was just downloaded from {Url}",
                    "gave-up" => $"the download of upgrade {Name}'s binary from {Url} failed: {_reason}; not tried again until the upgrade plan changes",
                    "waiting" => $"the download of upgrade {Name}'s binary from {Url} failed: {_reason}",
                    _ => $"downloading the binary of upgrade {Name} from {Url}",
                };
            }
        }
    }
}
