namespace Wemixvisor.Platform.Downloads;

/// <summary>A download or unpack that failed; <see cref="Exception.Message"/> is the reason, one clause a user can act on.</summary>
/// <param name="retryable">
/// False when trying again cannot help until the plan changes: a checksum mismatch, a body or archive over the size limit,
/// a hostile archive, a URL the settings refuse.
/// </param>
internal sealed class DownloadException(string message, bool retryable) : Exception(message)
{
    public bool Retryable { get; } = retryable;
}
