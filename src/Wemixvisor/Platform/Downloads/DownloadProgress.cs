namespace Wemixvisor.Platform.Downloads;

/// <summary>How far a running download got, shared between the download and whoever asks about it.</summary>
internal sealed class DownloadProgress
{
    private long _received;
    private long _total = -1;

    public long Received => Interlocked.Read(ref _received);

    /// <summary>The announced length, or null when the server did not say.</summary>
    public long? Total => Interlocked.Read(ref _total) is var total and >= 0 ? total : null;

    public void Report(long received, long? total)
    {
        Interlocked.Exchange(ref _received, received);
        Interlocked.Exchange(ref _total, total ?? -1);
    }

    /// <summary>The percentage done in steps of ten (<c>40 %</c>), or the bytes received when the length is unknown.</summary>
    public string Text => Total is { } total and > 0
        ? $"{Received * 10 / total * 10} %"
        : Core.Configuration.ByteSize.Human(Received);
}
