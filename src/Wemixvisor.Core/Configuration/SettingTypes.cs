using System.Globalization;

namespace Wemixvisor.Core.Configuration;

/// <summary>The kinds of value a setting can hold, each with its parser, validation and canonical text.</summary>
public static class SettingTypes
{
    /// <summary>A Go duration (<c>300ms</c>, <c>1m30s</c>, <c>0s</c>), never negative; shown as Go prints it.</summary>
    public static SettingType<TimeSpan> Duration { get; } = new(
        "duration",
        text => GoDuration.TryParse(text, out var value, out var error) ? Parsed<TimeSpan>.Valid(value) : Parsed<TimeSpan>.Invalid(error),
        GoDuration.Format);

    public static SettingType<TimeSpan> PositiveDuration { get; } = Duration.Where(value => value > TimeSpan.Zero, "must be greater than 0s");

    /// <summary><c>true</c> or <c>false</c> in any letter case.</summary>
    public static SettingType<bool> Boolean { get; } = new(
        "true|false",
        text => BooleanText.TryParse(text, out var value) ? Parsed<bool>.Valid(value) : Parsed<bool>.Invalid("must be true or false"),
        BooleanText.Format);

    /// <summary>Plain decimal digits, no sign or spaces, at least <paramref name="minimum"/>.</summary>
    public static SettingType<int> Count(int minimum) => new(
        "count",
        text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? Parsed<int>.Valid(value)
            : Parsed<int>.Invalid($"must be a whole number >= {minimum}"),
        value => value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A size in bytes greater than 0: plain bytes or a whole number with a unit (<c>2GiB</c>, <c>500MiB</c>, <c>100MB</c>).</summary>
    public static SettingType<long> ByteSize { get; } = new(
        "size",
        text => Configuration.ByteSize.TryParse(text, out var bytes) && bytes > 0
            ? Parsed<long>.Valid(bytes)
            : Parsed<long>.Invalid("must be a size greater than 0: bytes, or a whole number with KiB, MiB, GiB, TiB, kB, MB, GB or TB"),
        Configuration.ByteSize.Format);

    /// <summary>An absolute path, normalized (no <c>.</c>, <c>..</c>, repeated or trailing slashes).</summary>
    public static SettingType<string> AbsolutePath { get; } = new(
        "path",
        text => text.Contains('\0') ? Parsed<string>.Invalid(NulInPath)
            : !Path.IsPathRooted(text) ? Parsed<string>.Invalid("must be an absolute path (starting with /)")
            : Parsed<string>.Valid(Normalize(text)),
        path => path);

    /// <summary>A file name without a directory.</summary>
    public static SettingType<string> FileName { get; } = new(
        "name",
        text => text.Contains('/') ? Parsed<string>.Invalid("must be a plain file name without '/'")
            : text is "." or ".." ? Parsed<string>.Invalid("must be a file name, not \".\" or \"..\"")
            : text.Any(char.IsControl) ? Parsed<string>.Invalid("must not contain control characters")
            : text.Trim().Length == 0 ? Parsed<string>.Invalid("must not be blank")
            : Parsed<string>.Valid(text),
        name => name);

    /// <summary>A path taken from the working directory when relative (not normalized further).</summary>
    public static SettingType<string?> PathFromWorkingDirectory { get; } = new(
        "path",
        (text, context) => text.Contains('\0')
            ? Parsed<string?>.Invalid(NulInPath)
            : Parsed<string?>.Valid(Path.GetFullPath(text, context.WorkingDirectory)),
        path => path ?? "");

    /// <summary>
    /// A script's path: absolute, or relative to <paramref name="subdirectory"/> of the directory <paramref name="root"/>
    /// gives and staying inside it; unknown when relative and <paramref name="root"/> has no valid value.
    /// </summary>
    public static SettingType<string?> ScriptPath(Setting<string> root, string subdirectory) => new(
        "path",
        (text, context) =>
        {
            if (text.Contains('\0'))
            {
                return Parsed<string?>.Invalid(NulInPath);
            }
            if (Path.IsPathRooted(text))
            {
                return Parsed<string?>.Valid(Normalize(text));
            }
            if (!context.Values.TryGet(root, out var rootPath))
            {
                return Parsed<string?>.Unknown;
            }
            var directory = Path.Combine(rootPath, subdirectory);
            var path = Normalize(Path.Combine(directory, text));
            return path.StartsWith(directory + "/", StringComparison.Ordinal)
                ? Parsed<string?>.Valid(path)
                : Parsed<string?>.Invalid($"a relative path must stay inside {directory}; give an absolute path for a script elsewhere");
        },
        path => path ?? "");

    /// <summary>One of an enumeration's members, by its name in any letter case; shown in lower case.</summary>
    /// <param name="valueName">The help's value name; the names joined by <c>|</c> when null.</param>
    public static SettingType<TEnum> Choice<TEnum>(string? valueName = null)
        where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>().Select(name => name.ToLowerInvariant()).ToArray();
        var expected = names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
        return new(
            valueName ?? string.Join('|', names),
            text => names.Contains(text.ToLowerInvariant(), StringComparer.Ordinal)
                ? Parsed<TEnum>.Valid(Enum.Parse<TEnum>(text, ignoreCase: true))
                : Parsed<TEnum>.Invalid($"must be {expected}"),
            value => value.ToString().ToLowerInvariant());
    }

    /// <summary>The node's RPC: an absolute unix socket path (normalized) or an <c>http://</c> or <c>https://</c> URL.</summary>
    public static SettingType<string?> RpcEndpoint { get; } = new(
        "path|url",
        text => text.Contains('\0') ? Parsed<string?>.Invalid(NulInPath)
            : Path.IsPathRooted(text) ? Parsed<string?>.Valid(Normalize(text))
            : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? Parsed<string?>.Valid(text)
            : Parsed<string?>.Invalid("must be an absolute IPC socket path or an http:// or https:// URL"),
        endpoint => endpoint ?? "");

    /// <summary>A listening address <c>host:port</c>: an IP address (IPv6 in brackets) or <c>localhost</c>, and a port from 1 to 65535.</summary>
    public static SettingType<string?> ListenAddress { get; } = new(
        "host:port",
        text => Net.ListenAddress.TryParse(text, out var address, out var error) ? Parsed<string?>.Valid(address.ToString()) : Parsed<string?>.Invalid(error),
        address => address ?? "");

    /// <summary>One or more <c>http://</c> or <c>https://</c> URLs separated by commas; shown without the spaces around them.</summary>
    public static SettingType<string?> UrlList { get; } = new(
        "url[,url…]",
        text =>
        {
            var urls = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var bad = urls.FirstOrDefault(url => !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0));
            return urls.Length == 0 ? Parsed<string?>.Invalid("must name at least one http:// or https:// URL")
                : bad is not null ? Parsed<string?>.Invalid($"\"{bad}\" is not an http:// or https:// URL")
                : Parsed<string?>.Valid(string.Join(',', urls));
        },
        urls => urls ?? "");

    private const string NulInPath = "a path cannot contain a NUL character";

    /// <summary>Removes <c>.</c>, <c>..</c>, repeated and trailing slashes; pure string work for an absolute path.</summary>
    private static string Normalize(string absolutePath)
    {
        var full = Path.GetFullPath(absolutePath);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}
