using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Wemixvisor.Core.Net;

/// <summary>An address to listen on: an IP address (or <c>localhost</c>) and a port.</summary>
public sealed record ListenAddress(string Host, int Port)
{
    /// <summary>True for <c>localhost</c> and the loopback addresses (127.0.0.0/8, ::1).</summary>
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The host as it goes into a URL: an IPv6 address in brackets.</summary>
    public string UrlHost => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;

    public override string ToString() => $"{UrlHost}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>host:port</c>; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ListenAddress? address, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            error = "must be host:port, e.g. 127.0.0.1:9650";
            return false;
        }
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = "must end with a port from 1 to 65535, e.g. 127.0.0.1:9650";
            return false;
        }
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            error = $"the host \"{host}\" must be an IP address or localhost";
            return false;
        }
        error = null;
        address = new ListenAddress(host, port);
        return true;
    }
}
