using System.Globalization;

namespace Wemixvisor.Platform.Backup;

/// <summary>How backups and their work directories are named inside the backup directory.</summary>
internal static class BackupNaming
{
    /// <summary>Backups being written (or removed) carry this prefix; they are never listed and are cleaned up later.</summary>
    public const string PartialPrefix = ".partial-";

    public const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary><c>&lt;UTC yyyyMMddTHHmmssZ&gt;-&lt;upgrade name or "manual"&gt;</c>.</summary>
    public static string BaseId(DateTimeOffset startedAt, BackupLabel label) =>
        startedAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) + "-" + label.Suffix;

    /// <summary>The id for the <paramref name="attempt"/>-th candidate: the base id, then <c>-2</c>, <c>-3</c>…</summary>
    public static string Candidate(string baseId, int attempt) =>
        attempt <= 1 ? baseId : baseId + "-" + attempt.ToString(CultureInfo.InvariantCulture);

    public static bool IsPartial(string directoryName) => directoryName.StartsWith(PartialPrefix, StringComparison.Ordinal);

    /// <summary>An id can only name a direct child of the backup directory that is not a work directory.</summary>
    public static bool IsPlausibleId(string id) =>
        id.Length > 0 && !id.StartsWith('.') && !id.Contains('/') && !id.Contains('\0');
}
