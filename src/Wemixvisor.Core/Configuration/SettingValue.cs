using System.Globalization;
using System.Text;

namespace Wemixvisor.Core.Configuration;

/// <summary>A value as one source gave it, with what is needed to name it in a message.</summary>
/// <param name="Name">The variable (<c>DAEMON_HOME</c>), flag (<c>--home</c>) or file key (<c>daemon_home</c>).</param>
/// <param name="File">The config file, for a file value.</param>
/// <param name="Line">The 1-based line in the config file, for a file value.</param>
public sealed record SettingValue(string Text, SettingSource Source, string Name, string? File = null, int? Line = null)
{
    /// <summary>Where the value was written, e.g. <c>DAEMON_HOME</c>, <c>--home</c> or <c>/h/wemixvisor/config.toml:3</c>.</summary>
    public string Origin => Source switch
    {
        SettingSource.File => $"{File}:{Line}",
        _ => Name,
    };

    /// <summary>The value as the user wrote it, for messages: <c>DAEMON_POLL_INTERVAL="5x"</c>.</summary>
    public string Describe() => Source switch
    {
        SettingSource.Flag => $"{Name} {Quote(Text)}",
        SettingSource.File => $"{Name} = {Quote(Text)} ({File}, line {Line})",
        _ => $"{Name}={Quote(Text)}",
    };

    /// <summary>Quotes a value and makes control characters visible, so a stray newline or tab shows.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }
        return builder.Append('"').ToString();
    }
}
