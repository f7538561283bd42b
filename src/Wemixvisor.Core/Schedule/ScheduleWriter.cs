using System.Text.Json;

namespace Wemixvisor.Core.Schedule;

/// <summary>Writes an <see cref="UpgradeSchedule"/> as <c>schedule.json</c> reads it back (<see cref="ScheduleParser"/>).</summary>
public static class ScheduleWriter
{
    /// <summary>The indented JSON document, ending with a newline.</summary>
    public static byte[] ToBytes(UpgradeSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", ScheduleParser.Version);
            writer.WriteStartArray("upgrades");
            foreach (var entry in schedule.Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("name", entry.Name.Value);
                writer.WriteNumber("height", entry.Height);
                writer.WriteString("status", ScheduleStatuses.Text(entry.Status));
                writer.WriteString("reason", entry.Reason);
                if (entry.UpdatedAt is { } at)
                {
                    writer.WriteString("updated_at", at);
                }
                else
                {
                    writer.WriteNull("updated_at");
                }
                if (entry.Source is { } source)
                {
                    writer.WriteString("url", source.Url.AbsoluteUri);
                    if (source.Checksum is { } checksum)
                    {
                        writer.WriteString("checksum", checksum.ToString());
                    }
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
