using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Platform.Downloads;

/// <summary>The rules every download keeps.</summary>
/// <param name="MaxBytes">The largest body, and the largest total an archive may unpack to.</param>
/// <param name="AllowInsecure">http:// also for hosts outside 127.0.0.0/8.</param>
/// <param name="MustHaveChecksum">Refuse a URL without a checksum.</param>
internal sealed record DownloadLimits(long MaxBytes, bool AllowInsecure, bool MustHaveChecksum)
{
    public const int MaxEntries = 100_000;
    public const int MaxRedirects = 5;

    /// <summary>The longest a whole download may take.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest the server may send nothing (while connecting, before the headers, or mid-body).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the progress of a download is logged.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before a failed download is tried again; doubled each time up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    public static DownloadLimits From(WemixvisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.DownloadMaxSize, options.AllowInsecureDownload, options.DownloadMustHaveChecksum);
    }
}
