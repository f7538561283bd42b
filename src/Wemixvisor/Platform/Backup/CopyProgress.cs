using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Backup;

/// <summary>How far a copy has come, as one progress line reports it.</summary>
/// <param name="Remaining">Null until a rate is known.</param>
internal readonly record struct ProgressSnapshot(
    long Bytes, long TotalBytes, int Files, int TotalFiles, TimeSpan Elapsed, double BytesPerSecond, TimeSpan? Remaining);

/// <summary>
/// Counts copied files and bytes (from many threads) and logs a progress line every
/// <see cref="Interval"/> on the injected scheduler, so long backups show they are alive.
/// </summary>
internal sealed class CopyProgress : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    public const double MiB = 1024 * 1024;

    private readonly ILogger _logger;
    private readonly IScheduler _scheduler;
    private readonly string _operation;
    private readonly long _totalBytes;
    private readonly int _totalFiles;
    private readonly DateTimeOffset _startedAt;
    private readonly IDisposable _ticks;
    private long _bytes;
    private int _files;

    public CopyProgress(ILogger logger, IScheduler scheduler, string operation, long totalBytes, int totalFiles)
    {
        _logger = logger;
        _scheduler = scheduler;
        _operation = operation;
        _totalBytes = totalBytes;
        _totalFiles = totalFiles;
        _startedAt = scheduler.Now;
        _ticks = Observable.Interval(Interval, scheduler).Subscribe(_ => Report());
    }

    public void FileCopied(long bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Increment(ref _files);
    }

    public TimeSpan Elapsed => _scheduler.Now - _startedAt;

    public ProgressSnapshot Snapshot()
    {
        var bytes = Interlocked.Read(ref _bytes);
        var files = Volatile.Read(ref _files);
        var elapsed = Elapsed;
        var rate = elapsed > TimeSpan.Zero ? bytes / elapsed.TotalSeconds : 0;
        TimeSpan? remaining = rate > 0 ? TimeSpan.FromSeconds((_totalBytes - bytes) / rate) : null;
        return new ProgressSnapshot(bytes, _totalBytes, files, _totalFiles, elapsed, rate, remaining);
    }

    private void Report()
    {
        var now = Snapshot();
        var mibPerSecond = Math.Round(now.BytesPerSecond / MiB, 1);
        if (now.Remaining is { } left)
        {
            _logger.CopyProgressed(_operation, now.Bytes, now.TotalBytes, now.Files, now.TotalFiles, mibPerSecond, (long)Math.Ceiling(left.TotalSeconds));
        }
        else
        {
            _logger.CopyProgressedWithoutRate(_operation, now.Bytes, now.TotalBytes, now.Files, now.TotalFiles);
        }
    }

    public void Dispose() => _ticks.Dispose();
}
