using System.Text.Json;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Files;

namespace Wemixvisor.Platform.Switching;

/// <summary>
/// <see cref="HomeLayout.ProbationFile"/>: the probation of the binary switched to last, written before it starts and
/// removed when it is ready or rolled back. A wemixvisor killed in between finds it at its next start and resumes it.
/// </summary>
internal sealed class ProbationJournal(HomeLayout layout, ILogger<ProbationJournal> logger) : IProbationJournal
{
    private const int FormatVersion = 1;

    public string Path => layout.ProbationFile;

    public void Keep(ProbationRecord probation)
    {
        ArgumentNullException.ThrowIfNull(probation);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WritePropertyName("upgrade");
            UpgradeInfoJson.Write(writer, probation.Upgrade);
            writer.WriteString("previous", probation.Previous.Name?.Value);
            writer.WriteNumber("previousHeight", probation.Previous.Height);
            writer.WriteBoolean("backupTaken", probation.BackupTaken);
            writer.WriteBoolean("scheduled", probation.Scheduled);
            writer.WriteBoolean("byRpc", probation.ByRpc);
            if (probation.Baseline is { } baseline)
            {
                writer.WriteNumber("baseline", baseline);
            }
            writer.WriteEndObject();
        }
        AtomicFile.Write(Path, buffer.ToArray());
    }

    public void Clear() => AtomicFile.Delete(Path);

    /// <summary>
    /// Run once at start-up, after <see cref="StartupRecovery"/>: the probation to resume for <paramref name="applied"/>,
    /// the version <c>current</c> points to, or null when there is none. When <c>current</c> already points back to the
    /// version before the recorded upgrade, its rollback was completed by the recovery: the upgrade is recorded as rolled
    /// back in <paramref name="results"/>, as the rollback itself would have done. A record of any other version, or one
    /// that cannot be read, is removed with a warning.
    /// </summary>
    public ProbationRecord? Recover(AppliedUpgrade applied, IUpgradeResults results, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(results);
        ProbationRecord? kept;
        try
        {
            kept = Read();
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Drop($"it cannot be read ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.ProbationUnreadable(Path, e.Message);
            return null;
        }
        if (kept is not { } record)
        {
            return null;
        }
        if (AppliedUpgrade.From(record.Upgrade) == applied)
        {
            return record;
        }
        if (record.Previous != applied)
        {
            return Drop($"it is for upgrade {AppliedUpgrade.From(record.Upgrade)}, but current is {applied}");
        }
        var reason = $"rolled back to {applied}; wemixvisor stopped during the rollback and completed it when it started again";
        logger.RollbackCompletedAtStart(record.Upgrade.Name.Value, applied.ToString());
        try
        {
            results.Record(record.Upgrade, ScheduleStatus.RolledBack, reason, now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UpgradeResultException)
        {
            logger.RollbackNotRecorded(record.Upgrade.Name.Value, e.Message);
        }
        Clear();
        return null;
    }

    /// <summary>The kept probation, or null when there is none; throws <see cref="JsonException"/> or <see cref="FormatException"/> when it cannot be read.</summary>
    public ProbationRecord? Read()
    {
        try
        {
            return Parse(File.ReadAllBytes(Path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private ProbationRecord? Drop(string reason)
    {
        logger.ProbationDropped(Path, reason);
        Clear();
        return null;
    }

    private static ProbationRecord Parse(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number) || number != FormatVersion)
        {
            throw new JsonException($"field \"version\" is not {FormatVersion}");
        }
        var upgrade = root.TryGetProperty("upgrade", out var upgradeElement)
            ? UpgradeInfoJson.Read(upgradeElement)
            : throw new JsonException("field \"upgrade\" is missing");
        var previousName = root.TryGetProperty("previous", out var previousElement) && previousElement.ValueKind == JsonValueKind.String
            ? UpgradeName.Parse(previousElement.GetString()!)
            : (UpgradeName?)null;
        var previousHeight = root.TryGetProperty("previousHeight", out var heightElement) && heightElement.TryGetInt64(out var height) && height >= 0
            ? height
            : throw new JsonException("field \"previousHeight\" is missing or not a height");
        long? baseline = root.TryGetProperty("baseline", out var baselineElement) && baselineElement.TryGetInt64(out var head) ? head : null;
        return new ProbationRecord(
            upgrade,
            new AppliedUpgrade(previousName, previousHeight),
            Flag(root, "backupTaken"),
            Flag(root, "scheduled"),
            Flag(root, "byRpc"),
            baseline);
    }

    private static bool Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var element) && element.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? element.GetBoolean()
            : throw new JsonException($"field \"{name}\" is missing or not true/false");
}
