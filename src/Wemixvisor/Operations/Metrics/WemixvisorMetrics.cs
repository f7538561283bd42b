using Prometheus;
using Wemixvisor.Cli;
using Wemixvisor.Core.Operations;

namespace Wemixvisor.Operations.Metrics;

/// <summary>
/// The Prometheus metrics, in a registry of their own (no process or runtime metrics). Gauges and counters are set
/// from the latest <see cref="OperationsView"/> when a scrape collects them; the duration histogram is observed as
/// each part of an upgrade finishes.
/// </summary>
internal sealed class WemixvisorMetrics : IOperationsListener
{
    private static readonly double[] DurationBuckets = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private readonly Func<OperationsView> _view;
    private readonly Gauge _nodeUp;
    private readonly Counter _restarts;
    private readonly Gauge _nodeStartTime;
    private readonly Counter _upgrades;
    private readonly Gauge _currentInfo;
    private readonly Gauge _pending;
    private readonly Gauge _chainHead;
    private readonly Histogram _duration;
    private readonly Gauge _backupBytes;
    private readonly Lock _gate = new();
    private string[]? _currentLabels;
    private string[]? _pendingLabels;

    public WemixvisorMetrics(Func<OperationsView> view, BuildInfo build)
    {
        ArgumentNullException.ThrowIfNull(build);
        _view = view;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _nodeUp = factory.CreateGauge("wemixvisor_node_up", "1 while the node's process runs, 0 otherwise.");
        _restarts = factory.CreateCounter("wemixvisor_node_restarts_total", "Restarts of the node after it failed (not the starts after an upgrade).");
        _nodeStartTime = factory.CreateGauge("wemixvisor_node_start_time_seconds", "Start time of the node's current (or last) process, in seconds since the Unix epoch.",
            new GaugeConfiguration { SuppressInitialValue = true });
        _upgrades = factory.CreateCounter("wemixvisor_upgrades_total", "Upgrades by result: applied (switched to), failed, rolled_back.",
            new CounterConfiguration { LabelNames = ["result"] });
        _currentInfo = factory.CreateGauge("wemixvisor_current_info", "1 for the version current points to (name: genesis or the upgrade's name).",
            new GaugeConfiguration { LabelNames = ["name"] });
        _pending = factory.CreateGauge("wemixvisor_upgrade_pending", "1 for the upgrade being prepared or applied, or else the next one scheduled.",
            new GaugeConfiguration { LabelNames = ["name", "height"] });
        _chainHead = factory.CreateGauge("wemixvisor_chain_head", "The chain head last read from the node's RPC (while it is read).",
            new GaugeConfiguration { SuppressInitialValue = true });
        _duration = factory.CreateHistogram("wemixvisor_upgrade_duration_seconds", "Time taken by each part of an upgrade: stop, backup, hooks, switch, start.",
            new HistogramConfiguration { LabelNames = ["stage"], Buckets = DurationBuckets });
        _backupBytes = factory.CreateGauge("wemixvisor_backup_bytes", "Size of the last data backup taken before an upgrade, in bytes.",
            new GaugeConfiguration { SuppressInitialValue = true });
        factory.CreateGauge("wemixvisor_build_info", "1, with the version and commit of this wemixvisor.",
            new GaugeConfiguration { LabelNames = ["version", "commit"] }).WithLabels(build.Version, build.Commit ?? "").Set(1);
        foreach (var result in new[] { "applied", "failed", "rolled_back" })
        {
            _upgrades.WithLabels(result);
        }
        foreach (var stage in Enum.GetValues<UpgradeActivity>())
        {
            _duration.WithLabels(StageLabel(stage));
        }
        Registry.AddBeforeCollectCallback(Collect);
    }

    public CollectorRegistry Registry { get; }

    public static string StageLabel(UpgradeActivity activity) => activity.ToString().ToLowerInvariant();

    public void OnNext(OperationsView view, IReadOnlyList<OperationsFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var timed in facts.OfType<OperationsFact.ActivityTimed>())
        {
            _duration.WithLabels(StageLabel(timed.Activity)).Observe(timed.Took.TotalSeconds);
        }
    }

    // Two scrapes may collect at once; the labels kept between them are guarded.
    private void Collect()
    {
        lock (_gate)
        {
            Set(_view());
        }
    }

    private void Set(OperationsView view)
    {
        _nodeUp.Set(view.NodePid is null ? 0 : 1);
        if (view.NodeSince is { } since)
        {
            _nodeStartTime.Set(since.ToUnixTimeMilliseconds() / 1000.0);
        }
        _restarts.IncTo(view.Counters.Restarts);
        _upgrades.WithLabels("applied").IncTo(view.Counters.Upgrades);
        _upgrades.WithLabels("failed").IncTo(view.UpgradesFailed);
        _upgrades.WithLabels("rolled_back").IncTo(view.UpgradesRolledBack);
        _currentLabels = Relabel(_currentInfo, _currentLabels, [view.Current.Name?.ToString() ?? "genesis"]);
        _pendingLabels = Relabel(_pending, _pendingLabels, view.Pending is { } pending
            ? [pending.Name.ToString(), pending.Height.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : null);
        if (view.ChainHead is { } head)
        {
            _chainHead.Set(head);
        }
        if (view.BackupBytes is { } bytes)
        {
            _backupBytes.Set(bytes);
        }
    }

    /// <summary>Keeps one series of an info-style gauge: the old labels are removed when they change.</summary>
    private static string[]? Relabel(Gauge gauge, string[]? old, string[]? labels)
    {
        if (old is not null && (labels is null || !old.SequenceEqual(labels)))
        {
            gauge.RemoveLabelled(old);
        }
        if (labels is not null)
        {
            gauge.WithLabels(labels).Set(1);
        }
        return labels;
    }
}
