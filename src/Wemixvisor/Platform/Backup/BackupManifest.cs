using System.Text.Json.Serialization;

namespace Wemixvisor.Platform.Backup;

/// <summary>
/// <c>manifest.json</c>, next to the <c>data/</c> copy in every backup (whose directory name is its id). Written last, before the
/// backup is renamed into place, so a listed backup always has one. Restore checks the copy against it.
/// </summary>
internal sealed record BackupManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public string? Upgrade { get; init; }
    public long? Height { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public required string SourceDataDir { get; init; }
    public required int Files { get; init; }
    public required int Directories { get; init; }
    public required int Symlinks { get; init; }
    public required long TotalBytes { get; init; }
    public required long ElapsedMilliseconds { get; init; }
    /// <summary>Sockets, FIFOs and devices found in the data directory and not copied (a stale IPC socket, for example).</summary>
    public IReadOnlyList<string> SkippedSpecialFiles { get; init; } = [];
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class BackupManifestJson : JsonSerializerContext;
