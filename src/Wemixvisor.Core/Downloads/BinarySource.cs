using System.Diagnostics.CodeAnalysis;

namespace Wemixvisor.Core.Downloads;

/// <summary>Where an upgrade's binary is downloaded from, and the checksum it must have (null when none was given).</summary>
/// <param name="Url">An absolute http or https URL, without the <c>checksum</c> query parameter.</param>
public sealed record BinarySource(Uri Url, Checksum? Checksum)
{
    /// <summary>
    /// Reads <c>URL</c> or <c>URL?checksum=sha256:HEX</c> (Cosmovisor's form); <paramref name="checksum"/>, when given,
    /// is used instead of one in the URL and must agree with it.
    /// </summary>
    public static bool TryParse(string? text, string? checksum, [NotNullWhen(true)] out BinarySource? source, [NotNullWhen(false)] out string? error)
    {
        source = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            error = $"\"{Shorten(text)}\" is not an http:// or https:// URL";
            return false;
        }
        Checksum? fromUrl = null;
        var kept = new List<string>();
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("checksum=", StringComparison.OrdinalIgnoreCase))
            {
                if (!Checksum.TryParse(Uri.UnescapeDataString(part["checksum=".Length..]), out fromUrl, out error))
                {
                    return false;
                }
                continue;
            }
            kept.Add(part);
        }
        Checksum? given = null;
        if (checksum is not null && !Checksum.TryParse(checksum, out given, out error))
        {
            return false;
        }
        if (given is not null && fromUrl is not null && given != fromUrl)
        {
            error = $"the checksum given ({given}) differs from the one in the URL ({fromUrl})";
            return false;
        }
        var builder = new UriBuilder(uri) { Query = string.Join('&', kept) };
        source = new BinarySource(builder.Uri, given ?? fromUrl);
        error = null;
        return true;
    }

    /// <summary>The URL as logs and messages show it: scheme, host, port and path; a query or user info is replaced by <c>…</c>.</summary>
    public string Shown => Redact(Url);

    /// <summary>The form <see cref="TryParse"/> reads back: the URL with the checksum as a query parameter.</summary>
    public string Text => Checksum is null ? Url.AbsoluteUri
        : Url.AbsoluteUri + (Url.Query.Length > 1 ? "&" : "?") + "checksum=" + Checksum;

    /// <summary>A URL without what may be a secret: the query (signed URLs) and user info are left out.</summary>
    public static string Redact(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var shown = $"{url.Scheme}://{(url.UserInfo.Length > 0 ? "…@" : "")}{url.Authority}{url.AbsolutePath}";
        return url.Query.Length > 1 ? shown + "?…" : shown;
    }

    public override string ToString() => Shown;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
